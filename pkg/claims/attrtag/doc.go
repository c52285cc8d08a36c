// Package attrtag finds attributions (who said or believes what) in news
// text with a statistical sequence tagger, to complement the rule-based
// extractor of package claims: the rules are precise on quoted speech,
// while many attributions in PolNeAR are unquoted and hang on a long tail
// of cue verbs and nouns ("endorsed", "hopes", "a report").
//
// The tagger is an averaged perceptron over BIO tags for the SOURCE, CUE
// and CONTENT spans of PolNeAR, decoded greedily left to right with the
// previous tags among its hashed features (a first-order Viterbi variant
// is supported by the model format and measured worse). Besides the words
// around it, a token sees the nearest cue-lexicon words on either side of
// it in its sentence, how far they are and whether a quotation mark, a
// colon or "that" lies between. The weights are the mean of three
// perceptrons trained over different article orders. Each content span
// takes the nearest source and cue of its sentences; an attribution's
// Score is a logistic calibration of its token probabilities and shape,
// fitted on attributions the tagger found in text it was not trained on.
//
// Tag looks at a whole text. TagRanges looks only at chosen byte ranges
// of it, so that a caller that has attributed some sentences already
// pays for the others alone: the text between the ranges is neither
// tokenised nor tagged.
//
// The model is trained on all 840 articles of PolNeAR train by
//
//	go test ./pkg/claims/attrtag -run 'TestTrain$' -train
//
// which writes model.bin, embedded in the package and loaded by Default.
// Design choices are measured apart from it: with ATTRTAG_HELDOUT=1 the
// same command trains on the first 756 articles only and writes
// model.heldout.bin, and
//
//	ATTRTAG_HELDOUT=1 go test ./pkg/claims/attrtag -run TestHeldOut -train
//
// scores the rules, that tagger and their union on the other 84
// (ATTRTAG_DEV=1 does the same with articles 680–756, leaving the
// held-out slice unread). Training is deterministic: the held-out model
// of a commit is the model it shipped before the switch to all 840.
package attrtag
