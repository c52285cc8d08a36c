package claims

import "strings"

// The gazetteers are small, hand-kept lists of what English news names
// most: countries with their demonyms, organisation words, person titles,
// role nouns and common first names. They stand in for a statistical
// named-entity model (none can be downloaded here) and are what makes the
// rules work beyond the seed articles.

// countries maps lower-cased place names and demonyms to the canonical
// country name used as a quantity subject.
var countries = buildCountries(`
afghanistan|afghan|afghans; albania|albanian; algeria|algerian; argentina|argentine|argentinian|argentinean;
armenia|armenian; australia|australian|australians; austria|austrian; azerbaijan|azerbaijani;
bahrain|bahraini; bangladesh|bangladeshi; belarus|belarusian; belgium|belgian; bolivia|bolivian;
bosnia|bosnian; brazil|brazilian; bulgaria|bulgarian; cambodia|cambodian; canada|canadian|canadians;
chile|chilean; china|chinese|beijing; colombia|colombian; croatia|croatian; cuba|cuban;
cyprus|cypriot; czech republic|czech; denmark|danish|dane; egypt|egyptian|egyptians; estonia|estonian;
ethiopia|ethiopian; finland|finnish|finn; france|french|frenchman|frenchwoman|paris; georgia|georgian; germany|german|germans|berlin;
greece|greek; hungary|hungarian; iceland|icelandic; india|indian|indians|new delhi; indonesia|indonesian;
iran|iranian|iranians|tehran; iraq|iraqi|iraqis|baghdad; ireland|irish|irishman|irishwoman; israel|israeli|israelis;
italy|italian|italians|rome; japan|japanese|tokyo; jordan|jordanian; kazakhstan|kazakh; kenya|kenyan;
kosovo; kuwait|kuwaiti; latvia|latvian; lebanon|lebanese|beirut; libya|libyan; lithuania|lithuanian;
malaysia|malaysian; mexico|mexican|mexicans; moldova|moldovan; mongolia|mongolian; morocco|moroccan;
myanmar|burmese; nepal|nepali; netherlands|dutch|dutchman|the netherlands|holland; new zealand|new zealander;
nigeria|nigerian; north korea|north korean|north koreans|pyongyang|dprk|democratic people's republic of korea|democratic people’s republic of korea;
norway|norwegian; pakistan|pakistani|pakistanis|islamabad; palestine|palestinian|palestinians;
peru|peruvian; philippines|filipino|philippine; poland|polish|pole|poles|warsaw; portugal|portuguese;
qatar|qatari; romania|romanian; russia|russian|russians|moscow|kremlin|russian federation;
saudi arabia|saudi|saudis|riyadh; serbia|serbian; singapore|singaporean; slovakia|slovak;
slovenia|slovenian; somalia|somali; south africa|south african; south korea|south korean|south koreans|seoul;
spain|spanish|spaniard|madrid; sri lanka|sri lankan; sudan|sudanese; sweden|swedish|swede; switzerland|swiss;
syria|syrian|syrians|damascus; taiwan|taiwanese|taipei; thailand|thai; turkey|turkish|turk|turks|ankara|türkiye;
ukraine|ukrainian|ukrainians|kyiv|kiev; united arab emirates|uae|emirati;
united kingdom|uk|u.k.|britain|great britain|british|briton|england|english|englishman|englishwoman|london;
united states|us|u.s.|usa|u.s.a.|america|american|americans|washington;
venezuela|venezuelan; vietnam|vietnamese; yemen|yemeni; zimbabwe|zimbabwean;
european union|eu|e.u.|europe|european; gaza|gazan; west bank; crimea; donbas; kursk`)

func buildCountries(spec string) map[string]string {
	m := make(map[string]string)
	for _, entry := range strings.Split(spec, ";") {
		names := strings.Split(strings.TrimSpace(entry), "|")
		if len(names) == 0 || names[0] == "" {
			continue
		}
		canon := titleCase(names[0])
		switch canon {
		case "Uk", "U.k.":
			canon = "United Kingdom"
		}
		for _, n := range names {
			m[strings.TrimSpace(n)] = canon
		}
	}
	m["united states"] = "United States"
	m["uae"] = "United Arab Emirates"
	return m
}

func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		if w == "of" || w == "and" {
			continue
		}
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

// orgWords mark a capitalised name as an organisation.
var orgWords = toSet(`ministry department agency service services council committee commission party convention
university college institute school bank fund foundation association union league federation
corporation corp inc ltd llc group company co news times post journal herald tribune press
network television tv radio agency court parliament congress senate assembly duma kremlin pentagon
army navy force forces command police guard office bureau administration government cabinet
campaign coalition alliance organization organisation authority board center centre club
church hospital reuters tass yonhap bbc cnn nato un fbi cia nsa nis gur brics opec who imf
trust network magazine review gazette daily weekly channel fleet parliament
museum theatre theater orchestra festival airline airlines airways studio studios records
pictures entertainment media motors industries holdings technologies systems software labs house
international partners electronics pharmaceuticals communications brands foods stores networks
enterprises ventures securities insurance resources petroleum chemicals logistics telecommunications
wireless interactive united research`)

// placeWords mark a capitalised name as a place.
var placeWords = toSet(`city county province region state street river mountain mountains island
islands sea ocean valley district oblast peninsula airport square avenue bay gulf strait lake
hotel stadium arena palace station road bridge`)

// titles precede a person's name and become the role that introduces
// them ("Russian President Vladimir Putin").
var titles = toSet(`president vice prime minister secretary chancellor premier king queen prince
princess pope chairman chairwoman chair judge justice senator sen. sen representative rep. rep
governor gov. gov mayor ambassador general gen. gen admiral adm. colonel col. lieutenant lt.
sergeant sgt. captain capt. major maj. commander cmdr. dr. dr mr. mr mrs. mrs ms. ms miss prof.
professor rev. reverend sir lord lady dame speaker leader spokesman spokeswoman spokesperson deputy
director chief officer minister foreign defense defence interior finance economy health
attorney former acting then candidate nominee sheikh emir ayatollah marshal mp mep msp sens. sens
reps. reps film-maker filmmaker singer actor actress rapper musician comedian author novelist presenter broadcaster journalist
drummer guitarist bassist pianist violinist conductor composer designer photographer painter poet playwright dancer
columnist editor referee coach manager boss striker midfielder defender goalkeeper winger fly-half
scrum-half flanker skipper economist analyst founder lawyer solicitor barrister detective inspector
superintendent constable`)

// roleNouns head the descriptions that stand for an entity introduced
// earlier ("the defense secretary", "the intelligence agency").
var roleNouns = toSet(`president minister secretary chancellor premier leader spokesman
spokeswoman spokesperson official officials director chief governor mayor senator ambassador
general commander nominee candidate agency service ministry government administration
company firm king queen pope chairman judge envoy diplomat analyst expert lawmaker lawyer
attorney prosecutor prosecutors police army military`)

// firstNames are common given names; a capitalised pair starting with one
// is a person.
var firstNames = toSet(`john james robert michael william david richard joseph thomas charles
christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george
edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron jose
adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah
gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert
willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
philip johnny mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole
emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather diane
virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea
hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris
abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany
natalie isabella charlotte rose alexis kayla hillary bill barack mike mitt bernie ted marco jeb
chris rand ben carly newt nancy chuck mitch kamala vladimir volodymyr xi kim emmanuel angela olaf
boris theresa rishi keir justin narendra recep benjamin bashar ali mohammed muhammad ahmed hassan
hussein omar abdul sergei sergey dmitry alexei alexey yuri igor ivan viktor oleg andrei nikolai
lloyd antony jake ruben mark jens ursula josep shinzo fumio yoon moon jae park lee kim xi li wang
zhang liu chen jean pierre francois marine nicolas angela gerhard helmut silvio giorgia mario
pedro luiz jair javier gustavo andres recep imran nawaz jeremy tony gordon david nick ed liz
doug dave steve tom jim bob rob ron tim andy alex sam dan matt pete phil greg jeff ken rick al jon
josh jamie nigel neil ian colin graham simon martin malcolm alan barry derek trevor clive gareth
rhys owen hugh kate katie jenny jen sue beth meg molly ellen eva sally jane lucy claire fiona
tessa hazel ruth`)

// femaleNames are the given names of firstNames that are a woman's;
// unisexNames are those that say nothing either way. A given name in
// neither is a man's. "he" and "she" resolve only to a compatible person.
var femaleNames = toSet(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria heather
diane virginia julie joyce victoria olivia christina lauren joan evelyn judith megan cheryl andrea
hannah martha jacqueline frances gloria ann teresa kathryn sara janice alice madison doris abigail
julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie
isabella charlotte rose alexis kayla hillary carly kamala ursula marine giorgia liz kate katie
jenny jen sue beth meg molly ellen eva sally jane lucy claire fiona tessa hazel`)

var unisexNames = toSet(`kelly jean kim lee park moon jae li wang zhang liu chen jordan terry
jesse madison alexis dylan`)

// honorifics are stripped from the front of a person's name.
var honorifics = toSet(`mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady prof prof. rev rev.`)

// capitalStop are capitalised words that start sentences or headings but
// never start a name.
var capitalStop = toSet(`the a an in on at for to of and but or nor so yet as if whether unless until once when while after
before since during by with from into about this that these those there here it its he she they we
i you his her their our my your what which who whom whose why how where all some many most more
any each every no not one two three four five six seven eight nine ten however meanwhile also
still then now today yesterday tomorrow earlier later last next according despite although
though because just even only both either neither such other another recent recently speaking
asked many several read watch update updated breaking exclusive analysis opinion editorial
said says told added alongside amid among against across along around behind beyond beside besides
inside outside toward towards throughout unlike upon within without following including
essentially ultimately finally basically clearly obviously certainly currently previously
fortunately unfortunately interestingly importantly additionally similarly specifically generally
typically traditionally historically initially eventually apparently reportedly allegedly
meanwhile nevertheless nonetheless instead indeed perhaps`)

// months and weekdays are capitalised but are dates, not names.
var calendarWords = toSet(`january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
thursday friday saturday sunday`)

// roleOfWords complete a title after "of" ("Secretary of State").
var roleOfWords = toSet(`state defense defence foreign affairs homeland security justice health
finance interior treasury commerce labor labour education energy agriculture transportation
veterans housing staff the army navy war economy trade culture environment`)

// usStates name places that appear as datelines and appositives, with
// the AP abbreviations that cannot be read as anything else ("Carson,
// Calif.").
var usStates = toSet(`ala ariz ark calif colo conn fla ill kan mass mich minn mont neb nev okla ore
tenn tex wis wyo alabama alaska arizona arkansas california colorado connecticut delaware
florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
massachusetts michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey
mexico york carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont
virginia washington wisconsin wyoming`)
