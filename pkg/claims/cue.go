package claims

// cues are the verbs that attribute speech or a stated position. The list
// was drawn from the most frequent attribution cues of PolNeAR's training
// split, restricted to speech acts and stated beliefs.
var cues = toSet(`said say says saying tell told tells telling add added adds adding stated
stating declare declared declares declaring announce announced announces announcing explain
explained explains explaining note noted notes noting write wrote writes writing warn warned warns
warning claim claimed claims claiming insist insisted insists insisting argue argued argues arguing
assert asserted asserts asserting acknowledge acknowledged acknowledges acknowledging admit admitted
admits admitting confirm confirmed confirms confirming deny denied denies denying suggest suggested
suggests suggesting indicate indicated indicates indicating report reported reports reporting reply
replied replies replying respond responded responds responding remark remarked remarks comment
commented comments continue continued continues recall recalled recalls recalling emphasize
emphasized emphasizes emphasise emphasised stress stressed stresses tweet tweeted tweets posted
ask asked asks asking predict predicted predicts predicting promise promised promises promising vow
vowed vows vowing pledge pledged pledges concede conceded concedes contend contended contends
maintain maintained maintains observe observed observes allege alleged alleges charged complain
complained complains reveal revealed reveals affirm affirmed affirms conclude concluded concludes
caution cautioned cautions mention mentioned mentions agree agreed agrees believe believes believed
think thinks thought estimate estimated estimates insisted explain recounted recount recounts
countered counter counters boasted boast boasts joked jokes quipped quips lamented laments
acknowledged announced disclosed discloses testified testifies wrote shouted yelled
whispered exclaimed proclaimed proclaims reiterated reiterates reaffirmed signaled signalled
hinted hints speculated speculates accused accuses dismissed conceded clarified clarifies
elaborated elaborates found finds learned learns hope hopes hoped know knows knew worried worries
fear fears feared realized realised recognized recognised recognizes implied implies noticed
projected projects forecast forecasts determined ruled ruling show shows showed showing
suggest suggesting assured assures reminded reminds convinced agreed doubt doubts feel feels felt
expect expects expected worry read reads chanted chanting chant chants shouting sang singing
interjected mused`)

// thatlessCues may be followed directly by the reported clause ("Zelenskyy
// said Kyiv expects …"); the others need "that" to introduce a statement,
// because without it they usually take a plain object ("acknowledged the
// deployment").
var thatlessCues = toSet(`said say says told tells added adds wrote writes believe believes
believed think thinks argued argues claimed claims insisted insists warned warns noted
notes predicted predicts suggested suggests stated explained explains acknowledged
acknowledges conceded concedes tweeted show shows showed found finds know knows knew hope hopes
hoped feel feels felt fear fears feared worry worries worried saying arguing insisting claiming
adding warning noting`)

// objectCues take an addressee before the clause ("told reporters that").
var objectCues = toSet(`tell told tells telling warn warned warns warning remind reminded reminds assure
assured assures inform informed informs`)

// quoteOnlyCues introduce a quotation but not a reported statement.
var quoteOnlyCues = toSet(`ask asked asks asking shouted yelled whispered exclaimed joked quipped
posted continued continues continue read reads chanted chanting chant chants shouting sang singing
interjected mused`)

// beliefCues report a stance rather than an utterance; their statements
// score lower.
var beliefCues = toSet(`believe believes believed think thinks thought estimate estimated
estimates speculated speculates feel feels felt hope hopes hoped expect expects expected fear fears
feared worry worries worried`)

// fillerWords may sit between a speaker and the cue ("has also said",
// "later told").
var fillerWords = toSet(`also later then previously recently reportedly repeatedly once further again
publicly privately flatly specifically initially separately quickly has have had was is were are
had will would could may might did does do not n't never first earlier just even still simply
often frequently allegedly apparently openly explicitly subsequently now always
afterwards afterward meanwhile tonight himself herself themselves itself
've 'd 'll 'm 're ’ve ’d ’ll ’m ’re`)

// pronouns that can stand for a speaker.
var pronouns = map[string]entKind{
	"he": entPerson, "she": entPerson, "him": entPerson, "her": entPerson,
	"it": entOrg, "they": entOrg, "we": entUnknown, "i": entUnknown, "you": entUnknown,
}

// npBoundary words end a noun phrase when scanning away from a cue.
var npBoundary = toSet(`that and but or which who whom whose when while as because if after before
since although though where whether than so yet nor until unless once whereas then
said says say told added wrote according`)

// determiners start a descriptive noun phrase ("the official", "a source").
var determiners = toSet(`the a an his her their its our my your this that these those some many
several other another one two three four five both each every most all`)

// speakerNouns can head a speaker phrase without any name ("officials
// said", "a source said").
var speakerNouns = toSet(`official officials source sources spokesman spokeswoman spokesperson
spokespeople aide aides adviser advisers advisor advisors analyst analysts expert experts critic
critics supporter supporters witness witnesses resident residents lawmaker lawmakers leader leaders
president minister secretary chancellor governor mayor senator ambassador general commander
officer officers police report reports statement study survey poll polls document documents data
agency ministry government administration campaign company firm spokesman prosecutors prosecutor
lawyer lawyers attorney attorneys judge court researchers researcher scientists scientist
economists economist observers diplomats diplomat people voters authorities intelligence
military army team committee group organization organisation party chief director chairman
nominee candidate candidates democrats republicans activists investigators agency service
member members executive executives representative representatives founder owner
attendees participants delegates respondents protesters demonstrators students parents workers
employees fans opponents backers donors allies rivals colleagues friends neighbors neighbours
reporters journalists commentators pundits conservatives liberals progressives moderates evangelicals
independents veterans statistics figures records emails letter memo ad ads analysis findings results
estimates filings polling strategists operatives insiders consultants pollsters staff staffers
scholars historians academics professors doctors advocates organizers volunteers legislators
senators congressmen governors mayors campaigns surveys studies polls reports
newspaper network website editorial article book lawsuit complaint indictment memo ruling
spokesmen spokeswomen`)

// nameClauseCues may take a clause that starts with a name without "that"
// ("said Kyiv expects …"); after other cues a capitalised word is more
// likely an object ("added Latin hits").
var nameClauseCues = toSet(`said says say told tells wrote writes believe believes believed think thinks
argued argues claimed claims insisted insists warned warns show shows showed found finds
saying arguing insisting claiming adding warning noting`)

// baseFormCues are cue forms that are also infinitives or imperatives;
// after "to" they report nothing ("to say", "to tell").
var baseFormCues = toSet(`say tell add state declare announce explain note write warn claim insist argue
assert acknowledge admit confirm deny suggest indicate report reply respond remark comment continue
recall emphasize emphasise stress tweet ask predict promise vow pledge concede contend maintain observe
allege complain reveal affirm conclude caution mention agree believe think estimate recount counter
boast clarify elaborate`)

// subordinators before a participle cue make it part of an adverbial
// clause ("while claiming"), not an attribution.
var subordinators = toSet(`while when after before by without since in on upon for from`)

// stateAdjectives are participles after "be" that tell the subject's
// own mind.
var stateAdjectives = toSet(`convinced concerned worried pleased disappointed determined committed
opposed prepared interested alarmed satisfied frustrated surprised encouraged troubled confused
dismayed outraged angered upset impressed excited delighted shocked unconvinced skeptical focused
fixated`)
