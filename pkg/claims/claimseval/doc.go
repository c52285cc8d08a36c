// Package claimseval scores claim extraction against the gold data of the
// shared corpus, exactly as ../shared/tools/score.py does, so that
// `claimwatch eval claims`, the evaluation tests and the reference scorer
// report the same figures:
//
//   - Seeds: quotes (not fragments) match a gold quote when the speakers
//     share a last word and the word-level F1 of the contents is at least
//     0.6; quantities match on value, hedge and unit kind. Each gold item
//     is used at most once.
//   - PolNeAR: a predicted quote or statement matches a gold attribution
//     when the content F1 is at least 0.5 and the speaker agrees with the
//     gold source; recall over attributions with a source and over those
//     in quotation marks, precision over all predicted quotes and
//     statements.
//
// It reads files and runs an Extractor in-process; it does not start the
// binary.
package claimseval
