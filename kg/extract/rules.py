"""From tokens to candidate facts: names, coreference, and relation rules for both languages.

The rules look at lemmas (French: spaCy's; English: a small rule lemmatizer), at the shape of the
clause (subject on the left, object on the right, appositions between commas, passives with
"par"/"by", roles such as "le PDG de X" / "X's chief executive Y") and, in French, at the
dependency parse and the verb mood (a conditional is a rumour). See docs/extract.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from kg.extract.gazetteer import ORG, PERSON, PLACE, PRODUCT, Gazetteer, demonyms, given_names
from kg.extract.nlp import Tok
from kg.extract.values import Amount, find_amounts, find_dates
from kg.model import search_key

PREDICATES = (
    "acquired",
    "founded",
    "ceo_of",
    "leads",
    "works_for",
    "built",
    "launched",
    "invested_in",
    "subsidiary_of",
    "part_of",
    "laid_off",
    "spends",
    "partnered_with",
    "competes_with",
)
VALUE_PREDICATES = ("laid_off", "spends")


@dataclass
class Mention:
    """A name, or a phrase standing for one ("la start-up"), in one sentence."""

    start: int
    end: int
    text: str
    kind: str | None
    iri: str | None = None
    coref: bool = False
    entity: str = ""  # the article-level key of the entity it stands for
    lead: bool = False  # the first mention of its sentence (its likely topic)
    possessed: bool = False  # after its/son/sa: something an entity has, not a referent

    @property
    def key(self) -> str:
        return search_key(self.text)


@dataclass
class EntityInfo:
    """An entity of the article: its best name, kind and graph IRI when the gazetteer knows it."""

    key: str
    name: str
    kind: str | None
    iri: str | None
    count: int = 0
    descriptors: set[str] = field(default_factory=set)
    former_names: set[str] = field(default_factory=set)  # shorter names used before
    surfaces: set[str] = field(default_factory=set)  # every name the article writes for it


@dataclass
class Candidate:
    """A candidate fact, ready for review."""

    subject: str
    predicate: str
    object: str
    subject_iri: str | None = None
    object_iri: str | None = None
    subject_type: str | None = None
    object_type: str | None = None
    date: str | None = None
    date_kind: str = "point"
    value: str | None = None
    currency: str | None = None
    modality: str = "Stated"
    confidence: float = 0.9
    evidence: str = ""
    start: int = 0
    end: int = 0
    rule: str = ""
    source: str = ""

    def key(self) -> tuple[str, str, str]:
        return (search_key(self.subject), self.predicate, search_key(self.object))


def is_demonym(tok: Tok) -> bool:
    """ "néerlandais", "Chinese": an adjective of origin (``demonyms.txt``)."""
    return search_key(tok.text) in demonyms()


def word_set(text: str) -> set[str]:
    """The words of a lexicon written as one string."""
    return set(text.split())


# --- lexicon ------------------------------------------------------------------------------

DETERMINERS = word_set(
    "le la les l' un une des du de d' the a an its their his her sa son ses leur leurs this ce"
    " cette cet"
)
POSSESSIVES = {"son", "sa", "ses", "leur", "leurs", "its", "their"}
PREPOSITIONS = word_set(
    "de d' du des of à au aux in into dans sur on for pour par by avec with chez at from"
    " to vers contre against"
)
CLAUSE_BREAKS = word_set(
    "qui que dont où which who whom whose that mais but while tandis alors lorsque when"
    " because car since puisque ; : . ! ?"
)
SKIP_LEFT = word_set(
    "a ont avait avaient aura est sont été était va vont vient viennent de d' doit devrait"
    " devraient pourrait ne n' pas n't not has have had will would is was are were be been"
    " also aussi déjà already just finally officiellement officially désormais now then ainsi"
    " enfin également lui se s' également recently récemment ensuite later first formally"
    " vendredi lundi mardi mercredi jeudi samedi dimanche hier said says ,"
)
FORMER = {"ancien", "ancienne", "former", "ex", "previously", "formerly", "précédemment"}
JOB_NOUNS = word_set(
    "postes poste emplois emploi salariés salarié employés employé personnes collaborateurs"
    " jobs job employees employee workers worker staff people positions position roles role"
    " staffers"
)
FUNDING_NOUNS = word_set(
    "tour table levée financement round funding investment investissement série series raise"
    " opération"
)
CATEGORY_NOUNS = word_set(
    "processeur processeurs puce puces modèle modèles model models assistant assistants chatbot"
    " agent agents app application applications outil outils tool tools navigateur browser"
    " plateforme platform service services logiciel logiciels software système system systems"
    " family famille gamme series série version versions chip chips product produit produits"
    " jeu game games console device appareil robot lunettes glasses casque headset ia ai"
    " own propre nouveau nouvelle new first premier première latest dernier dernière"
    " generator générateur engine moteur suite processor processors accelerator accelerators"
    " accélérateur accélérateurs gpu card carte supercomputer supercalculateur programme"
    " program smartphone smartphones phone téléphone headsets casques language langage"
    " image vidéo video voice vocal code coding programs programmes tools"
)
# kinds of product named after a product's name ("its R1S SUV", "son humanoïde Atlas")
PRODUCT_NOUNS = word_set(
    "humanoid humanoïde humanoïdes pickup pickups suv suvs sedan berline van vans car cars"
    " voiture voitures truck trucks camion drone drones satellite satellites camera caméra"
    " laptop laptops ordinateur tablet tablette watch montre earbuds speaker enceinte"
    " vacuum vacuums aspirateur franchise franchises wiki messagerie messenger network"
    " architecture architectures cpu cpus npu soc chipset chipsets modem modems sensor"
    " capteur superchip superchips servers serveur serveurs database databases encyclopedia"
    " browser navigateur app apps appli"
)
ORG_CUE = word_set(
    "start-up startup jeune pousse entreprise société groupe firme géant éditeur fabricant"
    " constructeur hébergeur spécialiste compagnie company firm group giant chipmaker maker lab"
    " laboratoire studio banque bank fonds fund labo opérateur operator"
)
ORG_SUFFIX = word_set(
    "ai inc inc. corp corporation labs lab capital holding holdings group groupe systems"
    " technologies technology media cloud software ventures partners games studios bank"
    " networks robotics semiconductor motors energy sa sas ltd llc plc ag gmbh products"
    " communications instruments devices electronics entertainment solutions industries"
    " pharmaceuticals therapeutics automotive aviation airlines dynamics logistics payments"
    " semiconductors microsystems innovation innovations aerospace biosciences analytics"
    " telecom telecommunications wireless photonics"
)
PERSON_CUE = word_set(
    "m. mme mr mr. mrs ms ms. dr dr. siblings frères sœurs ceo pdg fondateur fondatrice"
    " cofondateur cofondatrice founder co-founder cofounder président présidente patron"
    " patronne directeur directrice chief"
)
COREF_NOUNS_FR = {
    "start-up": "startup",
    "startup": "startup",
    "pousse": "startup",
    "pépite": "startup",
    "conglomérat": "company",
    "licorne": "startup",
    "entreprise": "company",
    "société": "company",
    "groupe": "company",
    "firme": "company",
    "géant": "company",
    "éditeur": "company",
    "fabricant": "company",
    "constructeur": "company",
    "hébergeur": "company",
    "spécialiste": "company",
    "compagnie": "company",
    "dernière": "last",
    "dernier": "last",
    "concepteur": "company",
    "équipementier": "company",
    "laboratoire": "company",
    "labo": "company",
    "opérateur": "company",
    "développeur": "company",
    "plateforme": "company",
}
COREF_NOUNS_EN = {
    "startup": "startup",
    "start-up": "startup",
    "unicorn": "startup",
    "conglomerate": "company",
    "company": "company",
    "firm": "company",
    "group": "company",
    "giant": "company",
    "chipmaker": "company",
    "carmaker": "company",
    "lab": "company",
    "laboratory": "company",
    "maker": "company",
    "manufacturer": "company",
    "provider": "company",
}


EN_VERBS_AFTER_SUBJECT = word_set(
    "has have had is was are were will would said says can could may might did does"
)


def opens_clause(toks, end: int) -> bool:
    """True when the noun phrase ending before ``end`` is followed by its verb ("Meta,
    l'entreprise a connu ..."): a subject, not an apposition."""
    while end < len(toks) and (
        toks[end].pos == "ADJ" or toks[end].lower in ("s'", "se", "y", "en", "ne", "n'", "l'")
    ):
        end += 1  # "la société s'est bâti ...", "l'entreprise n'a pas ..."
    if end >= len(toks):
        return False
    tok = toks[end]
    return tok.pos in ("AUX", "VERB") or tok.lower in EN_VERBS_AFTER_SUBJECT


def descriptor(noun: str, nouns: dict[str, str]) -> str:
    """The word a reference noun is remembered by: every start-up noun is "startup"."""
    return "startup" if nouns.get(noun) == "startup" else noun


# reference nouns that, after a name ("the ChatGPT maker"), describe what it makes instead
MAKER_NOUNS = {"maker", "developer", "manufacturer", "provider"}
COREF_DETS = {"la", "le", "l'", "cette", "ce", "cet", "the", "this", "du", "au"}
NAME_STOP = word_set(
    "le la les l' un une des du de d' et ou en à au aux dans sur par pour avec the a an and or"
    " of in on for with by at to from as it its this that these those he she they we i you il"
    " elle ils elles nous vous on ce cette ces mais but selon according après after avant"
    " before depuis since pendant during quand when comme like si if lors"
)
TITLE_WORDS = {
    "ceo",
    "pdg",
    "cfo",
    "cto",
    "coo",
    "dg",
    "président",
    "président-directeur",
    "prince",
    "president",
    "chairman",
    "chief",
    "m.",
    "mme",
    "mr",
    "mr.",
    "mrs",
    "ms",
    "dr",
    "dr.",
    "sir",
    "premier",
    "l'",
    "d'",
}
# nationality words: "L'Américain" stands for a person or company named before, "le
# néerlandais ASML" is a description
WEEKDAYS = word_set(
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui monday tuesday"
    " wednesday thursday friday saturday sunday today yesterday"
)
MONTHS = word_set(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    " january february march april may june july august september october november december"
)
NOT_NAMES = word_set(
    "ia ai agi gpu gpus cpu cpus npu npus llm llms asic asics api apis vr ar seo pme"
    " pmes usa us uk ue eu nand dram hbm ssd ssds lidar pc pcs"
    " lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday"
    " friday saturday sunday series série"
    " internet linux bourse etat état"
) | {
    m
    for m in [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
}
HEDGE_SENTENCE = re.compile(
    r"\b(rumeurs?|rumou?rs?|reportedly|in talks|talks|discussions?|négociations?|négocie|"
    r"pourparlers|démenti|dément|démentent|denied|denies|denying|deny|selon plusieurs médias|"
    r"selon des (sources|médias|informations)|according to (people|sources|reports)|"
    r"would consider|considering|envisageait|envisagerait|étudie|étudierait|explore|exploring|"
    r"weighing|mulling|n'a pas confirmé|has not confirmed|no plans|affirmait|affirmaient|"
    r"spéculations?|speculated|speculation|selon la presse|la presse (américaine|économique)|"
    r"press reports?|reports? that|did not confirm|n'a jamais été confirmée?|"
    r"never confirmed|not confirmed|unconfirmed|discuté|discutait|discussed|approached|"
    r"approché|a approché|courtisé|courted|held talks|a eu des discussions)\b",
    re.I,
)
FAILED_DEAL = re.compile(
    r"\b(abandon(ed|ne|né|nait|ner)?|renonc\w*|scrapped|called off|collapsed|fell through|"
    r"blocked|bloqu\w*|échou\w*|failed|tenté de|tried to|attempted|rejected|rejet\w*|"
    r"terminated)\b",
    re.I,
)
HEDGE_LOCAL = word_set(
    "could might may would pourrait pourraient envisage envisagé considers considering consider"
)
SPENT_ON_GAP = word_set(
    "de d' nouvelle filiale new subsidiary of capital a an une des une douzaine dozen several"
    " plusieurs the its"
)
COMPANY_NOUNS = word_set(
    "entreprises sociétés start-up startups start-ups companies firms jeunes pousses"
)
SUBSIDIARY_NOUNS = word_set("subsidiary subsidiaries filiale")
OWNED_UNIT_NOUNS = SUBSIDIARY_NOUNS | word_set(
    "division unit business arm branche pôle département department segment"
)
# "San Francisco-based", "Microsoft-backed": the name before the hyphen is another entity
HYPHEN_PARTICIPLES = word_set(
    "based area born led backed owned founded funded headquartered listed controlled made"
)
EMPLOYER_WORDS = word_set("at chez from with")  # "an executive at Uber": not a person
HYPHEN_OWNERS = {"backed": "invested_in", "funded": "invested_in", "owned": "subsidiary_of"}
AUXILIARIES_AND_ADVERBS = word_set(
    "had has have was is were would co - first also recently later originally previously just"
    " already then"
)
EMPLOYEE_NOUNS = word_set(
    "engineer engineers employee employees executive executives researcher researchers"
    " scientist scientists professor staffer staffers veteran ingénieur ingénieurs chercheur"
    " chercheurs chercheuse salarié salariés cadre cadres professeur"
)
PARTICIPANT_NOUNS = word_set("participants investisseurs investors actionnaires backers")
APPOINT_VERBS = word_set(
    "named appointed tapped picked chose hired promoted nommé nommée désigné désignée promu promue"
)
# what a company does through the person who speaks or acts for it
COMPANY_ACTS = {"launched", "acquired", "spends", "laid_off", "partnered_with", "competes_with"}
ROLE_TITLE_WORDS = word_set("chief executive officer ceo founder co-founder president")
FOUNDING_PARTICIPLES = word_set(
    "fondée fondé cofondée cofondé créée créé founded co-founded established created"
)
REFLEXIVES = {"s'", "se", "s’"}
JOINING_VERBS = word_set("joined rejoint rejoindre join joins left quitté quitte")
CHAIR_VERBS = word_set(
    "préside présidait présidera présidé présidée présidaient chairs chaired chair"
)
BOARD_KINDS = {("d'", "administration"), ("de", "surveillance"), ("of", "directors")}
BOARD_PHRASES = sorted(
    (
        tuple(p.split())
        for p in (
            "du conseil d' administration",
            "du conseil de surveillance",
            "du conseil",
            "of the board of directors",
            "of the board",
            "of its board",
        )
    ),
    key=len,
    reverse=True,
)
PARTICLE_HOSTS = word_set(
    "bring brings brought bringing come came comes go went get got step stepped pull pulled"
    " scale scaled cut cuts hold held"
)
MEMBER_NOUNS = (
    dict.fromkeys(
        ["investors", "backers", "shareholders", "investisseurs", "actionnaires", "soutiens"],
        "invested_in",
    )
    | dict.fromkeys(
        ["founders", "co-founders", "cofounders", "fondateurs", "cofondateurs", "founding team"],
        "founded",
    )
    # "Its studios include BioWare, DICE and Criterion Games"
    | dict.fromkeys(["studios", "divisions", "units", "brands", "marques"], "part_of")
    | dict.fromkeys(["subsidiaries", "filiales"], "subsidiary_of")
)
AGREEMENT_NOUNS = word_set(
    "partnership partnerships agreement agreements alliance collaboration accord accords"
    " partenariat partenariats alliance collaboration"
)
AGREEMENT_VERBS = word_set(
    "signed struck formed sealed inked announced reached entered signs strikes forms"
    " signé signe noué noue conclu conclut annoncé scellé formé"
)
STAY_VERBS = word_set(
    "stays stay stayed remain remains remained serve serves served continue continues helm"
    " returned returns returning restera reste demeure demeurera deviendra devient"
)
PRICE_WORDS = word_set(
    "for pour in en about around roughly some nearly almost $ € £ billion billions million"
    " millions milliard milliards md mds bn m dollars dollar euros euro pounds de d' us"
)
SOLD_WORDS = word_set(
    "sold sell selling cédé cédée cédés cède céder revendu revendue revendus revend vendu"
    " vendue vendus"
)
TO_BUYER = word_set("to à au aux")
# the last word of a description before a name: "fraud-detection specialist Ekata"
DESCRIPTION_HEADS = word_set(
    "specialist specialists firm firms maker makers company companies startup start-up"
    " provider platform developer designer operator group business studio app service"
    " manufacturer supplier chipmaker lab carrier retailer marketplace network"
)
MEMBER_ADJECTIVES = word_set(
    "early earliest biggest largest main other existing new first principal principaux"
    " premiers anciens nouveaux grands"
)
RIVAL_COPULAS = word_set("is remains was becomes est reste demeure devient")
PARENT_NOUNS = word_set("owner parent propriétaire actionnaire-majoritaire")
OWNED_PARTICIPLES = word_set(
    "owned détenu détenue détenus détenues contrôlé contrôlée contrôlés contrôlées controlled"
)
MAJORITY_PHRASES = {"a majority of", "la majorité de", "majority control of", "le contrôle de"}
RIVAL_NOUNS = word_set(
    "rival rivals rivale rivales concurrent concurrents concurrente concurrentes competitor"
    " competitors"
)
RIVAL_ADJECTIVES = word_set(
    "grand grands grande grandes principal principaux principale main biggest big chief"
    " closest direct directs larger largest fierce nearest other autre autres second"
)
MEMBER_VERBS = word_set("include includes included including comprennent comptent comptaient")
REPORTED_WHEN = word_set("on last this that week earlier late")
# words that make "<Company> <words>" a unit or an arm of the company, not its full name
UNIT_NAME_WORDS = word_set(
    "web services cloud foundry research ventures capital studios pay bank music health"
    " finance financial mobility devices intelligence"
)
EN_CLITIC_COPULAS = word_set(
    "est était sera reste resté restée demeure devenu devenue aujourd'hui toujours désormais"
    " actuellement"
)
DEPUTY = word_set("adjoint adjointe adjoints délégué déléguée deputy vice assistant associate")
PARTIAL_OK = {
    "ai",
    "ia",
    "inc",
    "labs",
    "technologies",
    "corp",
    "corporation",
    "platforms",
    "electronics",
    "com",  # "Amazon.com"
    "holdings",
    "group",
    "systems",
    "networks",
    "automotive",
    "motors",
    "communications",
    "aviation",
    "therapeutics",
    "semiconductor",
    "semiconductors",
    "electric",
    "innovation",
    "innovations",
    "aerospace",
    "biosciences",
    "analytics",
}
COPULAS = word_set(
    "is est serves remains reste devient redevient becomes named nommé nommée appointed"
    " returning returns was be been sera will has have a été being"
)
SUBJECT_PRONOUNS = {"il", "elle", "nous", "he", "she", "it", "we"}
NEGATIONS = {"not", "n't", "never", "no", "pas", "jamais", "ni"}
OFFERS = word_set("offered offer offers proposé proposait propose proposed bid")
REPORTING = word_set(
    "said says told announced announces confirmed confirms stated wrote indicated disclosed"
)
PLANNED = word_set(
    "will va vont allons doit doivent devrait devraient compte comptent prévoit prévoient"
    " plans plan expects expect expected aims agreed agrees intends to"
)


# --- triggers -----------------------------------------------------------------------------

TRIGGERS: dict[str, dict[str, set[str]]] = {
    "fr": {
        "acquired": {
            "racheter",
            "acquérir",
            "acheter",
            "absorber",
            "rachat",
            "acquisition",
            "achat",
            "emparer",
            "offrir",
        },
        "founded": {"fonder", "cofonder", "créer"},
        "leads": {"diriger", "piloter", "mener", "présider"},
        "works_for": {"rejoindre", "recruter", "embaucher", "débaucher"},
        "built": {"développer", "concevoir", "élaborer", "construire", "fabriquer"},
        "launched": {
            "lancer",
            "dévoiler",
            "déployer",
            "commercialiser",
            "publier",
            "présenter",
            "lancement",
            "arrivée",
            "sortie",
        },
        "invested_in": {
            "investir",
            "financer",
            "lever",
            "participer",
            "soutenir",
            "figurer",
            "prendre",
            "recevoir",
            "obtenir",
            "participation",
            "réunir",
        },
        "laid_off": {
            "supprimer",
            "licencier",
            "licenciement",
            "suppression",
            "perdre",
            "couper",
            "réduire",
        },
        "spends": {"dépenser", "consacrer", "allouer", "débourser", "investir", "injecter"},
        "competes_with": {
            "concurrencer",
            "rivaliser",
            "rattraper",
            "concurrencent",
            "affronter",
            "rivalité",
            "course",
        },
        "partnered_with": {"partenariat", "associer", "allier", "ensemble", "allié"},
    },
    "en": {
        "acquired": {
            "acquire",
            "buy",
            "purchase",
            "acquisition",
            "takeover",
            "take",
            "snap",
            "pay",
        },
        "founded": {"found", "co-found", "cofound", "start", "set", "establish", "co-founded"},
        "leads": {"lead", "run", "head", "helm", "oversee"},
        "works_for": {"join", "hire", "poach", "recruit"},
        "built": {"develop", "build", "design", "create", "make", "manufacture"},
        "launched": {"launch", "release", "unveil", "introduce", "debut", "roll", "ship"},
        "invested_in": {
            "invest",
            "investment",
            "commit",
            "pledge",
            "raise",
            "back",
            "pour",
            "put",
            "take",
            "stake",
            "receive",
            "secure",
        },
        "laid_off": {"cut", "lay", "layoff", "eliminate", "shed", "slash", "trim", "axe", "reduce"},
        "spends": {"spend", "capex", "expenditure", "invest"},
        "competes_with": {
            "compete",
            "rival",
            "catch",
            "race",
            "battle",
            "vie",
            "rivalry",
            "against",
        },
        "partnered_with": {"partner", "partnership", "team", "together", "jointly", "alliance"},
    },
}
NOUN_TRIGGERS = {
    "rachat",
    "acquisition",
    "achat",
    "takeover",
    "purchase",
    "investment",
    "licenciement",
    "suppression",
    "layoff",
    "partenariat",
    "partnership",
    "capex",
    "expenditure",
    "stake",
}
ROLES = {
    # word sequences (lower case) -> predicate
    ("pdg",): "ceo_of",
    ("président-directeur", "général"): "ceo_of",
    ("président", "-", "directeur", "général"): "ceo_of",
    ("directeur", "général"): "ceo_of",
    ("directrice", "générale"): "ceo_of",
    ("dg",): "ceo_of",
    ("ceo",): "ceo_of",
    ("chief", "executive", "officer"): "ceo_of",
    ("chief", "executive"): "ceo_of",
    ("patron",): "ceo_of",
    ("patronne",): "ceo_of",
    ("président", "du", "directoire"): "ceo_of",
    ("codirecteur", "général"): "ceo_of",
    ("codirectrice", "générale"): "ceo_of",
    ("codirecteurs", "généraux"): "ceo_of",
    ("directeurs", "généraux"): "ceo_of",
    ("présidente-directrice", "générale"): "ceo_of",
    ("président-directeur",): "ceo_of",
    ("chief", "executives"): "ceo_of",
    ("coprésident",): "leads",
    ("coprésidente",): "leads",
    ("présidente", "du", "directoire"): "ceo_of",
    ("président",): "leads",
    ("présidente",): "leads",
    ("dirigeant",): "leads",
    ("president",): "works_for",  # an American president is not the head; "président" is
    ("boss",): "ceo_of",
    ("head",): "leads",
    ("vice", "president"): "works_for",
    ("vice-president",): "works_for",
    ("vice-président",): "works_for",
    ("vice-présidente",): "works_for",
    ("cfo",): "works_for",
    ("cto",): "works_for",
    ("coo",): "works_for",
    ("directeur", "financier"): "works_for",
    ("directrice", "financière"): "works_for",
    ("directeur", "technique"): "works_for",
    ("directrice", "technique"): "works_for",
    ("directeur", "scientifique"): "works_for",
    ("directrice", "scientifique"): "works_for",
    ("scientifique", "en", "chef"): "works_for",
    ("responsable",): "works_for",
    ("researcher",): "works_for",
    ("chercheur",): "works_for",
    ("chercheuse",): "works_for",
    ("engineer",): "works_for",
    ("ingénieur",): "works_for",
    ("ingénieure",): "works_for",
    ("general", "counsel"): "works_for",
    ("directeur", "commercial"): "works_for",
    ("directeur",): "works_for",
    ("directrice",): "works_for",
    ("directrice", "commerciale"): "works_for",
    ("directeur", "des", "opérations"): "works_for",
    ("executive", "vice", "president"): "works_for",
    ("senior", "vice", "president"): "works_for",
    ("chairman",): "leads",
    ("chairwoman",): "leads",
    ("chair",): "leads",
    ("fondateur",): "founded",
    ("fondatrice",): "founded",
    ("cofondateur",): "founded",
    ("cofondatrice",): "founded",
    ("co", "-", "fondateur"): "founded",
    ("founder",): "founded",
    ("co", "-", "founder"): "founded",
    ("founders",): "founded",
    ("cofounders",): "founded",
    ("co", "-", "founders"): "founded",
    ("fondateurs",): "founded",
    ("cofondateurs",): "founded",
    ("co", "-", "fondateurs"): "founded",
    ("cofounder",): "founded",
}
ROLES_LONGEST_FIRST = sorted(ROLES.items(), key=lambda kv: -len(kv[0]))
ROLE_NOUNS = {words[0] for words in ROLES if len(words) == 1}  # "cofondateur", "ceo"
ORG_ROLES = {
    ("éditeur",): ("built", False),
    ("créateur",): ("built", False),
    ("concepteur",): ("built", False),
    ("développeur",): ("built", False),
    ("maker",): ("built", False),
    ("creator",): ("built", False),
    ("developer",): ("built", False),
    ("company", "behind"): ("built", False),
    ("publisher", "behind"): ("built", False),
    ("developer", "behind"): ("built", False),
    ("maker", "behind"): ("built", False),
    ("designer", "behind"): ("built", False),
    ("startup", "behind"): ("built", False),
    ("firm", "behind"): ("built", False),
    ("studio", "behind"): ("built", False),
    ("studio",): ("built", False),
    ("team", "behind"): ("built", False),
    ("group", "behind"): ("built", False),
    ("lab", "behind"): ("built", False),
    ("maison", "mère"): ("subsidiary_of", True),
    ("parent",): ("subsidiary_of", True),
    ("parent", "company"): ("subsidiary_of", True),
    ("filiale",): ("subsidiary_of", False),
    ("subsidiary",): ("subsidiary_of", False),
    ("unit",): ("part_of", False),
    ("backer",): ("invested_in", False),
    ("investor",): ("invested_in", False),
    ("actionnaire",): ("invested_in", False),
    ("investisseur",): ("invested_in", False),
    ("shareholder",): ("invested_in", False),
    ("concurrent",): ("competes_with", False),
    ("concurrente",): ("competes_with", False),
    ("rivale",): ("competes_with", False),
    ("challenger",): ("competes_with", False),
    ("rival",): ("competes_with", False),
    ("competitor",): ("competes_with", False),
}
ROUND_VERBS = word_set(
    "boucler finaliser réaliser annoncer conclure clore close closed complete completed"
    " announce announced finalize finalise collect collected secure secured land landed"
)
RAISE_VERBS = word_set("lever raise réunir")
STAFF_NOUNS = word_set(
    "équipes équipe ingénieurs chercheurs teams team engineers researchers staff"
)
UNIT_NOUNS = {"équipe", "équipes", "team", "teams", "division", "unit", "laboratoire", "lab"}
UNIT_NAME_ENDS = {"labs", "lab", "research", "cloud"}
DIVISION_NOUNS = {
    "division",
    "unit",
    "branche",
    "pôle",
    "département",
    "department",
    "arm",
    "laboratoire",
    "lab",
}


CAREER_FR = word_set(
    "ancien ancienne anciens anciennes venu venue venus venues passé passée passés issu issue issus"
)
NUMBER_WORDS = word_set("two three four five both deux trois quatre cinq")
PLURAL_ROLES = word_set("founders cofounders fondateurs cofondateurs généraux ceos executives")
EN_PREPOSITIONS = word_set(
    "under over after before between among across through into onto about against"
    " without within during toward towards behind beyond near since until via per"
)
RANK_WORDS = word_set("chief main biggest largest closest principal grand premier premiers")
CO_INVESTOR_CUES = [
    ("auprès", "notamment", "de"),
    ("auprès", "notamment", "d'"),
    ("avec", "la", "participation", "de"),
    ("avec", "la", "participation", "d'"),
    ("aux", "côtés", "de"),
    ("aux", "côtés", "d'"),
    ("aux", "côtés", "du"),
    ("with", "participation", "from"),
    ("alongside",),
    ("along", "with"),
    (",", "with"),
]
LIST_VERBS = {
    "réunir",
    "inclure",
    "include",
    "comprendre",
    "compter",
    "rassembler",
    "figurer",
    "drew",
    "attracted",
}
LIST_CUES = {"including", "dont", "notamment", "parmi", "among", "such"}
LIST_CUES_MULTI = [
    ("parmi", "lesquels"),
    ("parmi", "lesquelles"),
    ("dont",),
    ("notamment",),
    ("including",),
    ("among", "them"),
    ("such", "as"),
]


class SentenceRules:
    """The rules applied to one sentence; ``doc`` holds the article-level state."""

    def __init__(
        self, doc: ArticleState, toks: list[Tok], text: str, offset: int, mentions: list[Mention]
    ):
        self.doc = doc
        self.toks = toks
        self.text = text
        self.offset = offset
        self.mentions = mentions
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self.found: list[Candidate] = []
        self.lang = doc.lang
        self.hedged = bool(HEDGE_SENTENCE.search(text))
        self.amounts = find_amounts(text)
        self.dates = find_dates(text, doc.date)

    # --- helpers --------------------------------------------------------------------------

    def at(self, i: int) -> Mention | None:
        return self.by_token.get(i)

    def starting(self, i: int) -> Mention | None:
        m = self.by_token.get(i)
        return m if m and m.start == i else None

    def ending(self, i: int) -> Mention | None:
        m = self.by_token.get(i)
        return m if m and m.end - 1 == i else None

    def lower(self, i: int) -> str:
        return self.toks[i].lower if 0 <= i < len(self.toks) else ""

    def kind(self, m: Mention) -> str | None:
        info = self.doc.entities.get(m.entity)
        return info.kind if info else m.kind

    def org_ok(self, m: Mention | None) -> bool:
        return m is not None and self.kind(m) in (ORG, None)

    def person_ok(self, m: Mention | None) -> bool:
        return m is not None and self.kind(m) in (PERSON, None) and not m.coref

    def thing_ok(self, m: Mention | None) -> bool:
        return m is not None and self.kind(m) not in (PERSON, PLACE)

    def _describes_next_name(self, i: int) -> bool:
        """Lower-case words (and "US") up to an organisation noun right before a name."""
        for k in range(i, min(len(self.toks), i + 5)):
            if self.lower(k) in ORG_CUE | MAKER_NOUNS and self.starting(k + 1):
                return True
            if not (self.toks[k].text.islower() or self.lower(k) in ("us", "u.s.", "uk", "-")):
                return False
        return False

    def gap_ok(self, i: int, extra: set[str] = frozenset()) -> bool:
        t = self.toks[i]
        if t.lower in DETERMINERS or t.lower in CATEGORY_NOUNS or t.lower in extra:
            return True
        if (t.lower == "such" and self.lower(i + 1) == "as") or (
            t.lower == "as" and self.lower(i - 1) == "such"
        ):
            return True  # "makes simulation programs such as Fluent and HFSS"
        if (
            t.text in ('"', "«", "»", "“", "”", "-")
            or t.lower in WEEKDAYS | MONTHS
            or is_demonym(t)
        ):
            return True  # "a présenté mercredi Moshi", "a racheté le français Mipsology"
        if t.lower in ("en", "in", "on", "last", "this", "début", "fin", "mi", "courant") and (
            self.lower(i + 1) in MONTHS | WEEKDAYS
            or re.fullmatch(r"(19|20)\d\d", self.lower(i + 1))
        ):
            return True  # "a lancé en décembre ses accélérateurs"
        if re.fullmatch(r"(19|20)\d\d", t.lower) and self.lower(i - 1) in MONTHS | {"en", "in"}:
            return True
        if t.pos in ("ADJ", "DET", "NUM"):
            return True
        if self.lang == "en" and self._english_adverb(i):
            return True  # "competes directly with", "privately held Epic Systems"
        if self.lang == "en" and self._after_bare_description(i) is not None:
            return True  # "bought fraud-detection companies NuData Security"
        if self.lang == "en" and self._describes_next_name(i):
            return True  # "to acquire US optical equipment maker Infinera"
        if self.lang == "fr" and t.pos == "ADV" and t.lower not in NEGATIONS:
            return True  # "conçoit notamment les processeurs X"
        if (t.lower == "start" and self.lower(i + 2) == "up") or (
            t.lower == "up" and self.lower(i - 2) == "start"
        ):
            return True  # "la start-up française X"
        if (
            t.lower in ("de", "d'")
            and self.lang == "fr"
            and i + 1 < len(self.toks)
            and self.toks[i + 1].pos == "NOUN"
            and not self.at(i + 1)
            and self.lower(i - 1) in CATEGORY_NOUNS | ORG_CUE
        ):
            return True  # "l'agent de programmation Devin"
        if (
            self.lang == "fr"
            and t.pos == "NOUN"
            and self.lower(i - 1) in ("de", "d'")
            and self.lower(i - 2) in CATEGORY_NOUNS | ORG_CUE
        ):
            return True
        if t.lower in ("called", "named", "baptisé", "baptisée", "appelé", "appelée", "nommé"):
            return True  # "a new division called X"
        if t.lower in DIVISION_NOUNS and self.lower(i + 1) in ("called", "named", "baptisée"):
            return True
        if self.lang == "en" and t.lower in ORG_CUE:
            return True
        if self.lang == "en" and self._modifier_run(i):
            return True  # "buy cybersecurity firm Wiz", "its Grok chatbot", "the messaging app X"
        return t.lower in ORG_CUE

    def _described_list_ahead(self, i: int) -> int | None:
        """The index after lower-case words that end in "such as", "like" or "including"
        ("security vendors such as CrowdStrike"), else None."""
        for k in range(i, min(len(self.toks), i + 4)):
            low = self.lower(k)
            if low in ("such", "like", "including", "comme", "tels", "telles") and k > i:
                return (
                    k
                    + 1
                    + (low in ("such", "tels", "telles") and self.lower(k + 1) in ("as", "que"))
                )
            if not (self.toks[k].text.isalpha() and self.toks[k].text.islower()):
                return None
        return None

    def _hyphen_modifier(self, j: int) -> bool:
        """A token of a hyphenated modifier: "Seattle-area", "Paris-based", "AI-first"."""
        m = self.at(j)
        if m is not None:
            return self.kind(m) == PLACE and self.lower(m.end) == "-"
        return self.lower(j) == "-" or (
            self.lower(j - 1) == "-" and self.toks[j].text.islower() and self.toks[j].text.isalpha()
        )

    def _english_adverb(self, i: int) -> bool:
        """An English adverb (no tags: "-ly" words, "head-on") or a participle it qualifies
        ("privately held")."""
        low = self.lower(i)
        if low in ("held", "owned", "listed", "traded") and self._english_adverb(i - 1):
            return True
        if low in ("head", "on", "-") and "head-on" in "".join(
            self.lower(k) for k in range(i - 2, i + 3)
        ):
            return True
        return (
            len(low) > 4
            and low.endswith("ly")
            and low.isalpha()
            and self.toks[i].text.islower()
            and low not in ("only", "early", "likely", "family", "supply", "apply", "rely", "italy")
        )

    def _modifier_run(self, i: int) -> bool:
        """English: up to three lower-case words that lead to a name or a category noun."""
        plain = CLAUSE_BREAKS | PREPOSITIONS | SKIP_LEFT | EN_PREPOSITIONS | {"and", "or", "as"}
        for k in range(i, min(len(self.toks), i + 3)):
            t = self.toks[k]
            if not re.fullmatch(r"[a-z][a-z\-]*", t.text) or t.lower in plain:
                return False
            nxt = k + 1
            if nxt < len(self.toks) and (
                self.starting(nxt) or self.toks[nxt].lower in ORG_CUE | CATEGORY_NOUNS
            ):
                return True
        return False

    def right_mention(
        self, i: int, limit: int = 7, extra: set[str] = frozenset()
    ) -> Mention | None:
        """The first mention from token i on, over determiners, adjectives and category nouns."""
        j = i
        while j < len(self.toks) and j < i + limit:
            m = self.starting(j) or (self.at(j) if j == i else None)
            if m and self.kind(m) == PLACE and self.lower(m.end) in (",", "-"):
                # "of the Santa Clara, California-based company": the place describes it
                limit += m.end - j + 1
                j = m.end + 1
                continue
            if m and self.kind(m) == PLACE and self._place_modifies(m):
                limit += m.end - j + 1  # "bought U.S. chipmaker Intersil", "Japan's Fujitsu"
                j = m.end + (self.lower(m.end) in ("'s", "’s"))
                continue
            if m and self.lower(m.end) in MAKER_NOUNS and self.starting(m.end + 1):
                return self.starting(m.end + 1)  # "to ChatGPT maker OpenAI": the maker
            if m:
                return self.owned_by(m) or m
            if self.toks[j].lower in CLAUSE_BREAKS or not self.gap_ok(j, extra):
                return None
            j += 1
        return None

    def _place_modifies(self, m: Mention) -> bool:
        """A place that qualifies the name after it: "U.S. chipmaker Intersil", "Japan's
        Fujitsu", "Britain's Dialog Semiconductor"."""
        k = m.end + (self.lower(m.end) in ("'s", "’s"))
        for n in range(3):
            nxt = self.starting(k + n)
            if nxt is not None:
                return self.kind(nxt) != PLACE
            word = self.toks[k + n].text if k + n < len(self.toks) else ""
            if not (word.isalpha() and word.islower()) and self.lower(k + n) not in ("-",):
                return False
        return False

    def owned_by(self, owner: Mention) -> Mention | None:
        """ "Alphabet's Google": the company named after its owner's possessive."""
        if self.lower(owner.end) not in ("'s", "’s") or owner.coref:
            return None
        owned = self.starting(owner.end + 1)
        if owned is None or not all(
            self.kind(m) == ORG and self.doc.entities[m.entity].iri for m in (owner, owned)
        ):
            return None  # only companies the graph knows: not "Microsoft's Copilot assistants"
        return owned

    def rule_owned_companies(self) -> None:
        """ "Alphabet's Google", "Meta's Instagram": a company named after its owner's."""
        for m in self.mentions:
            owned = self.owned_by(m)
            if owned is not None:
                self.add(owned, "subsidiary_of", m, m.start, "owned company", 0.7, "Stated")

    def rule_hyphen_owners(self) -> None:
        """ "Microsoft-backed OpenAI" (an investor), "the Microsoft-owned GitHub" (a parent)."""
        for m in self.mentions:
            word = self.lower(m.end + 1) if self.lower(m.end) == "-" else None
            if m.coref or word not in HYPHEN_OWNERS or not self.org_ok(m):
                continue
            other = self.right_mention(m.end + 2)
            if other is None or other.entity == m.entity or not self.org_ok(other):
                continue
            if HYPHEN_OWNERS[word] == "invested_in":
                self.add(m, "invested_in", other, m.start, "hyphen owner", 0.8, "Stated")
            else:
                self.add(other, "subsidiary_of", m, m.start, "hyphen owner", 0.8, "Stated")

    def coordinated(self, m: Mention) -> list[Mention]:
        """``m`` and the mentions joined to it by commas and et/and: "A, B et C"."""
        out = [m]
        j = m.end
        closed = False  # "A et B, C ...": the list ended with its conjunction
        while j < len(self.toks):
            if self.lower(j) in ("»", "”") and self.lower(j + 1) in (",", "et", "and"):
                j += 1  # "« Call of Duty » et de « World of Warcraft »"
            dated = self._over_price_and_date(j)  # "A for $3.2 billion in 2017, B ... and C"
            if dated != j and self.lower(dated) == ",":
                closed = False  # "A and B in 2017, C in 2020 and D": each group has its year
            j = dated
            more = self._list_goes_on(j)
            if more is not None:  # "A et B, mais aussi plusieurs fortunes, dont C et D"
                out.append(more)
                j, closed = more.end, False
                continue
            after = self._also_conjunction(j)
            if closed and self.lower(j) == "," and self.lower(j + 1) != "along" and after is None:
                break
            if after is not None:
                nxt = self._list_item(after)  # "A and B as well as C", "A ainsi que B"
                if nxt is None or nxt.coref or (nxt.kind == PERSON) != (m.kind == PERSON):
                    break
                out.append(nxt)
                j, closed = nxt.end, True
                continue
            if self.lower(j) in (",", "et", "and", "&", "ou", "or", "along"):
                closed = (
                    closed
                    or self.lower(j) in ("et", "and", "&", "ou", "or")
                    or (self.lower(j) == "," and self.lower(j + 1) in ("et", "and"))
                )
                k = j + 1
                if self.lower(j) == "along":
                    if self.lower(k) != "with":
                        break
                    k += 1  # "A, its chief executive, along with B, C and D"
                if (
                    self.lower(j) == ","
                    and self.lower(k) == "along"
                    and self.lower(k + 1) == "with"
                ):
                    k += 2
                if (
                    self.lower(j) == ","
                    and self.lower(k) in ("de", "d'", "du")
                    and self.lower(m.start - 1) in ("de", "d'", "du")
                    and self.starting(k + 1)
                ):
                    k += 1  # "d'OpenAI, d'Anthropic et de Google"
                described = self._list_item(k) if self.lower(j) == "," else None
                if described is not None and not self.starting(k) and not described.coref:
                    out.append(described)  # "A, son homologue singapourien B, C et D"
                    j = described.end
                    continue
                if (
                    self.lower(j) == ","
                    and not self.starting(k)
                    and self.lower(k) not in ("et", "and")
                ):
                    # "A, its chief executive, and B", "A, ancien de Google DeepMind, B et C":
                    # step over the apposition
                    e = self._apposition_end(k)
                    if e is not None and (
                        self.lower(e + 1) in ("et", "and", "along") or self.starting(e + 1)
                    ):
                        j = e
                        continue
                    break
                if self.lower(k) in ("et", "and"):
                    k += 1
                if self.lower(k) in ("de", "d'", "du") and self.lower(j) != ",":
                    k += 1  # "de Bpifrance et de Xavier Niel"
                if self.lower(k) in ("with", "avec", "par", "by") and any(
                    self.lower(x) == self.lower(k) for x in range(m.start - 4, m.start)
                ):
                    k += 1  # "partnerships with Motorola, ..., and with Bharti Airtel", "et par"
                if self.lower(k) in ("«", '"', "“"):
                    k += 1  # "de « Call of Duty » et de « World of Warcraft »"
                if self.lower(k) in ("his", "her", "son", "sa", "their", "leur") and re.fullmatch(
                    r"[a-zéèû\-]+", self.lower(k + 1)
                ):
                    k += 2  # "and his sister B"
                nxt = self._list_item(k)
                if nxt is not None and self.lower(nxt.end) in ("'s", "’s"):
                    break  # "PlayStation Studios, Sony's group of ...": an apposition
                if (
                    nxt
                    and ((nxt.kind == PERSON) == (m.kind == PERSON) or None in (nxt.kind, m.kind))
                    and not nxt.coref
                ):
                    out.append(nxt)
                    j = nxt.end
                    continue
            break
        first = self.doc.entities.get(out[0].entity)
        if (
            len(out) > 1
            and out[0].end - out[0].start == 1
            and out[-1].end - out[-1].start == 2
            and len(out) == 2
            and out[1].start == out[0].end + 1
            and self.lower(out[0].end) in ("and", "et")  # "Dario and Daniela Amodei"
            and first is not None
            and first.key.startswith("new:")
            and first.count == 1
            and search_key(out[0].text) in given_names()  # not "Benchmark and Eclipse Ventures"
        ):
            # "Dario and Daniela Amodei": the first name borrows the family name
            family = self.toks[out[-1].end - 1].text
            out[0] = self.doc.named(f"{out[0].text} {family}", out[0], PERSON)
        return out

    def _own_price_and_date(
        self, m: Mention
    ) -> tuple[Amount | None, tuple[str | None, str]] | None:
        """The price and the year given right after one item of a list, else None."""
        end = self._over_price_and_date(m.end)
        if end == m.end:
            return None
        lo, hi = self.toks[m.end].start, self.toks[end].start if end < len(self.toks) else 10**9
        amount = next(
            (a for a in self.amounts if lo <= a.start < hi and (a.currency or a.value is None)),
            None,
        )
        date = next(((d.value, d.kind) for d in self.dates if lo <= d.start < hi), (None, "point"))
        return amount, date

    def _over_price_and_date(self, j: int) -> int:
        """The index after a price or a year between two items of a list ("for $3.2 billion
        in 2017", "pour 4 milliards de dollars en 2015", "in 2018"), else ``j``."""
        if self.lower(j) not in ("for", "pour", "in", "en"):
            return j
        k = j
        while k < len(self.toks) and k - j < 10:
            low = self.lower(k)
            if low in (",", "and", "et", ".", ";"):
                return k if k > j + 1 else j
            if not (low in PRICE_WORDS or re.fullmatch(r"[$€£]?[\d.,]+[$€£%]?", low)):
                return j
            k += 1
        return k if k == len(self.toks) and k > j + 1 else j

    def _also_conjunction(self, j: int) -> int | None:
        """The index after "as well as" / "ainsi que" at ``j`` (after a comma too), else None."""
        j += self.lower(j) == ","
        if [self.lower(j + n) for n in range(3)] == ["as", "well", "as"]:
            return j + 3 + (self.lower(j + 3) in ("with", "by", "to", "from"))  # "as well as with"
        if self.lower(j) == "ainsi" and self.lower(j + 1) in ("que", "qu'"):
            return j + 2 + (self.lower(j + 2) in ("par", "de", "d'", "du", "avec"))
        return None

    def _list_item(self, k: int) -> Mention | None:
        """The next name of a list, over a short description: "l'américain Nod.ai", "l'éditeur
        de logiciels d'automatisation UiPath", "the venture firm Accel"."""
        if k < len(self.toks) and is_demonym(self.toks[k]) and self.starting(k + 1):
            k += 1  # "et du français Alven"
        m = self.starting(k)
        if m is not None and self.kind(m) == PLACE and self.lower(m.end) in ("'s", "’s"):
            return self.starting(m.end + 1)  # "and Britain's Dialog Semiconductor"
        if m is None and self.lang == "en" and self.lower(k) not in DETERMINERS:
            return self._after_bare_description(k)  # "and cyber risk rating firm RiskRecon"
        if (m is not None and not m.coref) or self.lower(k) not in DETERMINERS:
            return m
        start = m.end if m is not None else k + 1  # "l'éditeur de logiciels ... UiPath"
        for e in range(start, min(len(self.toks), k + 8)):
            m = self.starting(e)
            if m is not None and self.lower(e - 1) in ("de", "d'", "of"):
                # "l'ancien patron de Google Eric Schmidt": the name after the owner's; but
                # "l'éditeur de Call of Duty" describes the name before it
                m = self.starting(m.end)
                return m if m is not None and not m.coref else None
            if m is not None:
                return None if m.coref else m
            low = self.lower(e)
            if low in CLAUSE_BREAKS or self.toks[e].pos in ("VERB", "AUX"):
                return None
            plain = (
                re.fullmatch(r"[a-zéèêàçûô\-]+", low) and low not in PREPOSITIONS | EN_PREPOSITIONS
            )
            if not (plain or low in ("de", "d'") or self.toks[e].pos in ("NOUN", "ADJ")):
                return None
        return None

    def _after_bare_description(self, k: int) -> Mention | None:
        """The name after an English description with no article, which ends in a kind of
        company: "travel-expense specialist Concur", "video platform TokBox"."""
        for e in range(k, min(len(self.toks), k + 8)):
            word = self.toks[e].text
            if self.at(e) is not None:
                return None
            if word != "-" and not (word.replace("-", "").isalpha() and word.islower()):
                return None
            if self.lower(e) in DESCRIPTION_HEADS:
                m = self.starting(e + 1)
                return m if m is not None and not m.coref else None
        return None

    def _list_goes_on(self, j: int) -> Mention | None:
        """ ", mais aussi ... C", ", ainsi que C", ", as well as C": a list continued."""
        if self.lower(j) != ",":
            return None
        for cue in (("mais", "aussi"), ("ainsi", "que"), ("as", "well", "as"), ("ainsi", "qu'")):
            if all(self.lower(j + 1 + n) == w for n, w in enumerate(cue)):
                k = j + 1 + len(cue)
                m = self._list_item(k) or self._listed_after_description(k)
                return m if m is not None and not m.coref else None
        return None

    def _apposition_end(self, k: int) -> int | None:
        """The comma that closes an apposition starting at ``k`` ("its chief executive",
        "ancien de Google DeepMind", "who met at Brown"), or None."""
        e = k
        while e < min(len(self.toks), k + 8) and self.lower(e) not in (",", ".", ";", ":"):
            if self.starting(e) and self.lower(e - 1) not in ("de", "d'", "of", "du", "at", "chez"):
                return None
            if self.toks[e].pos == "AUX" or self.lower(e) in REPORTING | CLAUSE_BREAKS:
                return None
            if self.toks[e].pos == "VERB" and not self.lower(e).endswith(("é", "és", "us", "ed")):
                return None
            e += 1
        return e if e > k and self.lower(e) == "," else None

    def coordinated_left(self, m: Mention) -> list[Mention]:
        out = [m]
        j = m.start - 1
        while j > 0 and self.lower(j) in (",", "et", "and", "&"):
            prev = self.ending(j - 1)
            if prev is None and self.lower(j) in ("et", "and") and self.lower(j - 1) == ",":
                # "A, the startup's chief executive, and B will join": over the apposition
                k = j - 2
                while k > 0 and self.lower(k) not in (",", ".", ";") and j - k < 10:
                    k -= 1
                head = self.ending(k - 1) if self.lower(k) == "," else None
                if head is not None and not head.coref:
                    out.insert(0, head)
                    j = head.start - 1
                    continue
            if prev and not prev.coref and self.lower(j) in ("et", "and", "&", ","):
                # only a list that ends with "et/and" counts
                if (
                    self.lower(j) == ","
                    and not any(
                        self.lower(x) in ("et", "and", "&") for x in range(m.start - 1, m.start)
                    )
                    and len(out) == 1
                ):
                    break
                out.insert(0, prev)
                j = prev.start - 1
                continue
            break
        return out

    def _reported_by(self, j: int) -> int | None:
        """The reporting verb before the pronoun at ``j`` ("said it", "said on Tuesday it")."""
        k = j - 1
        while k >= 0 and j - k <= 4 and self.lower(k) not in REPORTING:
            if not (
                self.lower(k) in REPORTED_WHEN | WEEKDAYS | MONTHS or self.toks[k].text.isdigit()
            ):
                return None
            k -= 1
        return k if k >= 0 and self.lower(k) in REPORTING else None

    def left_subject(self, t: int, skip_prep: bool = True) -> Mention | None:
        """The subject of the verb at ``t``: the nearest name on the left, over appositions."""
        dep = self._dependency_subject(t)
        if dep is not None:
            app = self._apposition_head(t)
            if app is not None and app.end <= dep.start:
                return app  # "Qualcomm, dont le directeur général est X, conçoit ..."
            return dep
        rel = self._relative_head(t)
        if rel is not None:
            return rel
        conj = self._second_verb(t) if self.lang == "en" else None
        first = self._first_clause_subject(conj) if conj is not None else None
        if first is not None:
            # "It bought Respawn in 2017 and, in 2021 alone, snapped up Codemasters", "bought
            # Scopely in 2023, a year after acquiring ESL": the first verb's subject
            return first
        j = t - 1
        while j >= 0 and (
            self.toks[j].lower in SKIP_LEFT
            or self.toks[j].pos == "AUX"
            or (self.toks[j].pos == "ADV" and self.lang == "fr")
            or self.toks[j].lower in WEEKDAYS | REPORTED_WHEN  # "X, ..., on Monday unveiled"
        ):
            if self.toks[j].lower == ",":
                break
            j -= 1
        if j >= 0 and self.toks[j].lower == ",":
            k = j - 1
            for _ in range(3):  # "Ansys, headquartered in Canonsburg, Pennsylvania, makes"
                while k >= 0 and self.toks[k].lower != ",":
                    k -= 1
                head = self.ending(k - 1) if k > 0 else None
                if head is None or self.lower(head.start - 1) not in PREPOSITIONS:
                    break
                k -= 1  # a place inside the apposition: the head is further left
            if k > 0 and self.ending(k - 1):
                return self.ending(k - 1)
        if (
            self.lang == "en"
            and j > 1
            and self.lower(j) in ("which", "who")
            and self.lower(j - 1) == ","
            and self.ending(j - 2) is not None
        ):
            return self.ending(j - 2)  # "X is a subsidiary of xAI, which released ..."
        steps = 0
        while j >= 0 and steps < 14:
            if (
                self.lang == "en"
                and self.toks[j].lower in SUBJECT_PRONOUNS
                and (
                    j == 0
                    or self.lower(j - 1) in CLAUSE_BREAKS | REPORTING | {",", "and", "where"}
                    or self._reported_by(j) is not None
                    or (j <= 4 and not any(m.start < j for m in self.mentions))  # "In 2021 it"
                )
            ):
                said = self._reported_by(j)
                if said is not None:
                    return self.left_subject(said)  # "Amazon said on Tuesday it would cut"
                return self.doc.pronoun_antecedent(self, j)  # "He now runs ..."
            m = self.ending(j)
            if m is not None:
                before = self.lower(m.start - 1)
                if skip_prep and before in PREPOSITIONS and not self._after_role(m.start - 1):
                    j = m.start - 1
                    steps += 1
                    continue
                return m
            adverb = self.lower(j) == "since" and self.lower(j - 1) in ("has", "have", "had")
            if self.toks[j].lower in (";", ":") or (
                self.toks[j].lower in CLAUSE_BREAKS
                and self.toks[j].lower not in ("qui", "which", "who", "that")
                and not adverb  # "has since struck"
            ):
                return None
            j -= 1
            steps += 1
        return None

    def _second_verb(self, t: int) -> int | None:
        """The conjunction ("and", "after", "before", "while") that joins the English verb at
        ``t`` to an earlier clause with no name in between, else None."""
        for k in range(t - 1, max(-1, t - 9), -1):
            if self.at(k) is not None:
                return None
            if self.lower(k) in ("and", "after", "before", "while", "then") and k > 0:
                return k  # ("Nvidia and AMD bought" stops at "AMD", a name, before "and")
            if self.lower(k) in CLAUSE_BREAKS | {"which", "who", "that", ";"}:
                return None
        return None

    def _first_clause_subject(self, conj: int) -> Mention | None:
        """The subject of the clause the conjunction at ``conj`` continues: the head of a
        relative clause ("Sam Altman, who led a round and once served as Reddit's CEO"), an
        opening pronoun's antecedent ("It bought Respawn in 2017 and snapped up ..."), else
        the sentence's first name outside a prepositional phrase."""
        for k in range(conj - 1, 0, -1):
            if self.lower(k) in ("who", "which") and self.lower(k - 1) == ",":
                return self.ending(k - 2)
            if self.lower(k) in (";", ":"):
                break
        for k in range(min(conj, 6)):
            if self.at(k) is not None:
                break
            if self.lower(k) in SUBJECT_PRONOUNS:
                return self.doc.pronoun_antecedent(self, k)
        return next(
            (
                m
                for m in self.mentions
                if m.start < conj
                and self.kind(m) != PLACE
                and self.lower(m.start - 1) not in PREPOSITIONS | POSSESSIVES
            ),
            None,
        )

    def _relative_head(self, t: int) -> Mention | None:
        """ "pour l'éditeur, qui avait supprimé ...", "Aart de Geus, who co-founded ...": the
        name a subject relative clause hangs on."""
        j = t - 1
        skip = SKIP_LEFT - {","} | {"co", "-"}
        while j >= 0 and (self.toks[j].pos in ("AUX", "ADV") or self.lower(j) in skip):
            j -= 1
        if j >= 1 and self.lower(j) == "who" and self.toks[j - 1].text.islower():
            # "Kevin Mandia, a former U.S. Air Force officer who founded": the person
            k = next((k for k in range(j - 2, max(0, j - 10), -1) if self.lower(k) == ","), None)
            head = self.ending(k - 1) if k is not None else None
            return head if head is not None and self.kind(head) != ORG else None
        if j < 1 or self.lower(j) not in ("qui", "who", "which") or self.lower(j - 1) != ",":
            return None
        return self.ending(j - 2)

    def _apposition_head(self, t: int) -> Mention | None:
        """ "X, <apposition or relative clause>, verb": X, when a comma closes the clause just
        before the verb at ``t``."""
        j = t - 1
        while j >= 0 and (self.lower(j) in SKIP_LEFT - {","} or self.toks[j].pos in ("AUX", "ADV")):
            j -= 1
        if j < 0 or self.lower(j) != ",":
            return None
        k = j - 1
        while k >= 0 and self.lower(k) not in (",", ";", ":", ".") and j - k < 25:
            k -= 1
        if k <= 0 or self.lower(k) != ",":
            return None
        head = self.ending(k - 1)
        return head if head is not None and not head.coref else None

    def _after_role(self, prep: int) -> bool:
        """True for "le PDG de Meta": a role noun before the preposition."""
        return any(
            self.lower(prep - n)
            in ("pdg", "ceo", "patron", "dirigeant", "général", "executive", "tête", "helm")
            for n in (1, 2)
        )

    def _dependency_subject(self, t: int) -> Mention | None:
        """French: the nsubj of the verb that governs ``t`` (through xcomp, conj, case)."""
        if self.lang != "fr":
            return None
        toks = self.toks
        v = t
        for _ in range(5):
            tok = toks[v]
            if tok.pos in ("VERB", "AUX") or tok.dep == "ROOT":
                for child in toks:
                    if child.head != v or child.i == v:
                        continue
                    if child.dep not in ("nsubj", "nsubj:pass") and not (
                        child.dep == "expl:subj" and child.lower in SUBJECT_PRONOUNS
                    ):
                        continue
                    if child.lower == "qui" and tok.dep.startswith("acl"):
                        m = self.at(tok.head)
                        if m is None and self.lower(tok.head - 1) != ",":
                            continue
                        return m
                    m = self.at(child.i)
                    if m is not None:
                        return m
                    if child.lower in SUBJECT_PRONOUNS:
                        return self.doc.pronoun_antecedent(self, child.i)
                    for grand in toks:  # "le PDG de Meta": the organisation of the role
                        if (
                            grand.head == child.i
                            and grand.dep == "nmod"
                            and self.at(grand.i)
                            and child.lower in ("pdg", "patron", "dirigeant", "président")
                        ):
                            return self.at(grand.i)
                    return None
                if tok.dep in ("xcomp", "conj") and tok.head != v:
                    v = tok.head
                    continue
                return None
            if tok.head == v:
                return None
            v = tok.head
        return None

    def passive_agent(self, t: int) -> tuple[list[Mention], int] | None:
        """Agents after "par"/"by" following the participle at ``t``."""
        j, limit = t + 1, t + 10
        while j < len(self.toks) and j < limit:
            low = self.lower(j)
            if low in ("par", "by"):
                k = j + 1
                while k < len(self.toks) and (
                    self.lower(k) in DETERMINERS
                    or self.lower(k)
                    in (
                        "siblings",
                        "frères",
                        "fonds",
                        "fund",
                        "firm",
                        "investor",
                        "investors",
                        "groupe",
                        "venture",
                        "capital",
                    )
                    or self.toks[k].pos == "ADJ"
                    or is_demonym(self.toks[k])  # "menée par le néerlandais ASML"
                    or self.lower(k) in ROLE_NOUNS  # "dirigée par son cofondateur X"
                    # "founded by Israeli-born engineer Nir Zuk"
                    or self.lower(k) in EMPLOYEE_NOUNS | HYPHEN_PARTICIPLES | {"-"}
                ):
                    k += 1
                m = self.starting(k) or self._listed_after_description(k)
                if m and not m.coref:
                    agents = self.coordinated(m)
                    return agents, agents[-1].end
                if self.lower(k - 1) in POSSESSIVES and self.lower(k) in STAFF_NOUNS:
                    # "élaborés par ses équipes": the company the text is about
                    owner = self.doc.topic_org(self, j)
                    if owner is not None:
                        return [owner], k + 1
                return None
            aside = self._place_aside(j) if low == "," else None
            if aside is not None:
                j = aside  # "fondée en 1985 à Troy, dans la banlieue de Detroit, par A"
                limit = max(limit, j + 1)
                continue
            if low in CLAUSE_BREAKS or low == ",":
                return None
            place = self.starting(j)
            if place is not None and self.lower(j - 1) in ("dans", "à", "in", "at", "le", "la"):
                j = place.end  # "Fondée en 1994 dans le New Jersey par ..."
                continue
            if not (self.toks[j].like_date if hasattr(self.toks[j], "like_date") else False) and (
                low
                not in (
                    "en",
                    "in",
                    "dès",
                    "depuis",
                    "since",
                    "le",
                    "the",
                    "of",
                    "de",
                    "d'",
                    "début",
                    "fin",
                    "early",
                    "late",
                    "avril",
                    "mai",
                    "jointly",
                    "l'",
                    "also",
                    "aussi",
                    "mars",
                    "juin",
                    "2021",
                    "alors",
                    "à",
                    "au",
                    "aux",
                )
                and not re.fullmatch(r"\d{4}|[a-zéû]+", low)
            ):
                return None
            j += 1
        return None

    def _place_aside(self, comma: int) -> int | None:
        """The index of "par"/"by" after a place aside opened by the comma at ``comma``:
        ", dans la banlieue de Detroit, par", ", California, by"."""
        for k in range(comma + 1, min(len(self.toks), comma + 8)):
            low = self.lower(k)
            if low == ",":
                return k + 1 if self.lower(k + 1) in ("par", "by") else None
            m = self.at(k)
            if m is not None:
                if self.kind(m) != PLACE:
                    return None
            elif not (self.toks[k].text.islower() and self.toks[k].pos not in ("VERB", "AUX")):
                return None
        return None

    def _listed_after_description(self, k: int) -> Mention | None:
        """ "par trois chercheurs français, A, B et C", "par cinq anciens ingénieurs d'IBM,
        parmi lesquels A et B", "by a group of investors including A and B": the first name
        of the list a plural description announces."""
        e = k
        while e < min(len(self.toks), k + 8) and self.lower(e) not in (",", ":"):
            if self.lower(e) in CLAUSE_BREAKS or self.toks[e].pos in ("VERB", "AUX"):
                return None
            named = self.starting(e)
            if named is not None and self.lower(e - 1) not in ("de", "d'", "of", "du", "at"):
                after = self.toks[named.end].text if named.end < len(self.toks) else ""
                if not after.islower():
                    return None
                e = named.end  # "by former OpenAI employees including ...": a modifier
                continue
            if self.lower(e) in LIST_CUES:
                break
            e += 1
        if e == k:
            return None
        e += 1 if self.lower(e) in (",", ":") or self.lower(e) in LIST_CUES - {"parmi"} else 0
        while e < len(self.toks) and self.toks[e].text.islower() and self.toks[e].text.isalpha():
            e += 1  # "including siblings A and B"
            if e - k > 12:
                return None
        for cue in sorted(LIST_CUES_MULTI, key=len, reverse=True):
            if all(self.lower(e + n) == w for n, w in enumerate(cue)):
                e += len(cue)
                break
        m = self.right_mention(e, 5) or self._list_item(e)
        return m if m is not None and not m.coref else None

    def is_passive(self, t: int) -> bool:
        prev = [self.lower(t - 1), self.lower(t - 2)]
        if self.lang == "fr" and {self.lower(t - 2), self.lower(t - 3)} & REFLEXIVES:
            return False  # "il s'est offert S21sec": a pronominal verb, not a passive
        return any(
            p
            in (
                "été",
                "est",
                "sont",
                "was",
                "were",
                "is",
                "been",
                "being",
                "be",
                "are",
                "être",
                "fut",
            )
            for p in prev
        )

    def modality(self, t: int) -> str | None:
        """Stated / Planned / Envisaged, or None for a rumour, a denial or a negation."""
        window = [self.lower(i) for i in range(max(0, t - 4), t)]
        tok = self.toks[t]
        if any(w in NEGATIONS for w in window) or self.lower(t + 1) in ("pas", "not", "n't"):
            return None
        conditional = tok.conditional or any(
            self.toks[i].conditional
            for i in range(max(0, t - 3), t)
            if self.toks[i].pos == "AUX" or self.toks[i].lemma in ("avoir", "être")
        )
        if conditional:
            return None
        aux_cnd = [self.toks[i] for i in range(max(0, t - 3), t) if self.toks[i].conditional]
        if aux_cnd:
            if all(a.lemma == "devoir" for a in aux_cnd):
                return "Planned"
            return None
        if any(w in OFFERS for w in window):
            return None  # "had offered to hire X": an offer, not a deal
        if "would" in window and self._reported(t):
            return "Planned"  # "Amazon said that it would cut ...": the future in reported speech
        if any(w in HEDGE_LOCAL for w in window):
            if any(w in ("envisage", "envisagé", "considers", "consider") for w in window):
                return "Envisaged"
            return None
        if any(w in PLANNED for w in window) or tok.future:
            return "Planned"
        return "Stated"

    def _reported(self, t: int) -> bool:
        """A reporting verb ("said", "announced") before ``t`` in this sentence, with no hedge
        in between."""
        for j in range(t - 1, max(-1, t - 14), -1):
            if self.lower(j) in REPORTING:
                return not any(self.lower(k) in ("if", "unless", "si") for k in range(j, t))
        return False

    def date_near(self, t: int) -> tuple[str | None, str]:
        if not self.dates:
            return None, "point"
        pos = self.toks[t].start
        best = min(self.dates, key=lambda d: abs(d.start - pos))
        return best.value, best.kind

    def date_near_pos(self, pos: int) -> tuple[str | None, str]:
        after = [d for d in self.dates if d.start >= pos and d.start - pos < 30]
        if after:
            return after[0].value, after[0].kind
        if not self.dates:
            return None, "point"
        best = min(self.dates, key=lambda d: abs(d.start - pos))
        return best.value, best.kind

    def amount_near(self, t: int, money: bool = True) -> Amount | None:
        pos = self.toks[t].start
        best = None
        for a in self.amounts:
            if money and not (a.currency or (a.value or a.high or 0) >= 10**6):
                continue
            if a.value is not None and 1900 <= a.value <= 2100 and not a.currency:
                continue
            d = abs(a.start - pos)
            if best is None or d < abs(best.start - pos):
                best = a
        return best

    def add(
        self,
        subj: Mention,
        pred: str,
        obj: Mention | str,
        t: int,
        rule: str,
        confidence: float = 0.9,
        modality: str | None = "Stated",
        value: Amount | None = None,
        date: tuple[str | None, str] | None = None,
    ) -> None:
        if modality is None:
            return
        if self.hedged and pred in ("acquired", "invested_in", "works_for", "launched", "spends"):
            return
        if pred == "acquired" and FAILED_DEAL.search(self.text):
            return  # "agreed to buy Arm ... but abandoned the deal", "avait tenté de racheter"
        s = self.doc.entities.get(subj.entity)
        if s is None:
            return
        if isinstance(obj, Mention):
            o = self.doc.entities.get(obj.entity)
            if o is None or o.key == s.key:
                return
            obj_name, obj_iri, obj_kind = o.name, o.iri, o.kind
            self.doc.type_hint(o, pred, "object")
        else:
            obj_name, obj_iri, obj_kind = obj, None, None
        self.doc.type_hint(s, pred, "subject")
        if pred == "acquired":
            self.doc.acquirers.add(s.key)
        if pred == "invested_in":
            self.doc.investors.add(s.key)
            if isinstance(obj, Mention):
                self.doc.last_investee = obj
        when, kind = date if date is not None else self.date_near(t)
        if subj.coref or (isinstance(obj, Mention) and obj.coref):
            confidence = min(confidence, 0.75)
        cand = Candidate(
            subject=s.name,
            predicate=pred,
            object=obj_name,
            subject_iri=s.iri,
            object_iri=obj_iri,
            subject_type=s.kind,
            object_type=obj_kind,
            date=when,
            date_kind=kind,
            value=value.text_value() if value else None,
            currency=value.currency if value else None,
            modality=modality,
            confidence=confidence,
            evidence=self.text,
            start=self.offset,
            end=self.offset + len(self.text),
            rule=rule,
        )
        self.found.append(cand)

    # --- the rules ------------------------------------------------------------------------

    def _funding_round(self) -> None:
        """ "X a bouclé une levée de fonds de 1,7 milliard", "X closed a $2 billion round": X is
        the company raising, for the investors named later ("Y a participé au tour")."""
        for i, tok in enumerate(self.toks):
            if tok.lower not in ("levée", "round", "tour", "financement", "funding"):
                continue
            verb = next(
                (
                    j
                    for j in range(max(0, i - 8), i)
                    if self.toks[j].lemma in ROUND_VERBS or self.lower(j) in ROUND_VERBS
                ),
                None,
            )
            if verb is None or not self.amounts:
                continue
            target = self.left_subject(verb)
            if target is not None and self.org_ok(target) and not target.coref:
                self.doc.funding_target = target
                return

    def run(self) -> list[Candidate]:
        self._funding_round()
        triggers = TRIGGERS[self.lang]
        for tok in self.toks:
            if self._attributive(tok.i) or self._inside_name(tok.i):
                continue
            verb = self._mistagged_verb(tok)
            for pred, lemmas in triggers.items():
                if tok.lemma in lemmas or tok.lower in lemmas or verb in lemmas:
                    getattr(self, f"rule_{pred}")(tok.i)
        self.rule_roles()
        self.rule_org_roles()
        self.rule_divisions()
        self.rule_tete()
        self.rule_multiword()
        self.rule_direction()
        self.rule_co_investors()
        self.rule_owned_products()
        self.rule_owned_companies()
        self.rule_hyphen_owners()
        self.rule_member_lists()
        self.rule_rival_nouns()
        self.rule_agreements()
        self.rule_sold()
        self.rule_stays_as()
        self.rule_ownership()
        self.rule_board()
        self.rule_career()
        self.rule_eponyms()
        return self.found

    def _inside_name(self, i: int) -> bool:
        """A trigger word inside a multi-word name ("Taiwan Semiconductor Manufacturing Co",
        "Insight Partners") is part of the name."""
        m = self.at(i)
        return m is not None and not m.coref and m.end - m.start > 1 and i > m.start

    def _attributive(self, i: int) -> bool:
        """English "a newly created unit", "its recently launched model": a participle used
        as an adjective before a noun, not a verb."""
        if self.lang != "en" or not self.lower(i).endswith("ed") or i + 1 >= len(self.toks):
            return False
        before = self.lower(i - 1) if i else ""
        return before in ("newly", "recently", "a", "an") and self.lower(i + 1) != "by"

    def _mistagged_verb(self, tok) -> str | None:
        """French: a present-tense verb the model tagged as a noun after a name or a clause
        ("Patrick Pérez, ..., pilote le laboratoire"): its infinitive."""
        if self.lang != "fr" or tok.pos not in ("NOUN", "PROPN", "ADJ"):
            return None
        participle = re.fullmatch(r"(\w+)(?:é|ée|és|ées)", tok.lower)
        if participle and (tok.i == 0 or self.lower(tok.i - 1) in (",", "–", "-", "(")):
            return participle.group(1) + "er"  # "Cofondée en 2016 par ...", tagged a noun
        if tok.i == 0:
            return None
        if not (self.ending(tok.i - 1) or self.lower(tok.i - 1) == ","):
            return None
        if self.lower(tok.i + 1) not in DETERMINERS and not self.starting(tok.i + 1):
            return None
        if tok.lower.endswith("ent"):
            return tok.lower[:-3] + "er"
        return tok.lower + "r" if tok.lower.endswith("e") else None

    def _former(self, i: int) -> bool:
        return any(self.lower(j) in FORMER for j in range(max(0, i - 3), i))

    def binary(
        self,
        t: int,
        pred: str,
        rule: str,
        subj_ok,
        obj_ok,
        extra=frozenset(),
        value: bool = False,
        object_from: int | None = None,
    ) -> None:
        """Active "S verb O", passive "O verb by S", nominal "S ... noun of O"."""
        tok = self.toks[t]
        mod = self.modality(t)
        passive = self.passive_agent(t)
        amount = self.amount_near(t) if value else None
        if passive:
            agents, end = passive
            starts_sentence = all(
                self.lower(j) in DETERMINERS | {",", "-", "«"} or self.toks[j].pos == "ADV"
                for j in range(0, t)
            )
            if tok.lower in NOUN_TRIGGERS or tok.lemma in NOUN_TRIGGERS:
                # "le rachat de DeepMind par Google", "the purchase of X by Y"
                patient = self.right_mention(t + 1, 4, {"de", "d'", "du", "of"})
            elif starts_sentence:
                # "Fondée en 2023 par A, ..., B et C, tous deux venus de Meta, l'entreprise ..."
                patient, k, commas = None, end, 0
                while patient is None and k < len(self.toks) and commas < 3:
                    if self.lower(k) == ",":
                        commas += 1
                        patient = self.right_mention(k + 1, 6)
                        if patient is None and self.lower(k + 1) in SUBJECT_PRONOUNS:
                            patient = self.doc.pronoun_antecedent(self, k + 1)  # "..., it raised"
                        if patient is not None and self.lower(patient.start - 1) in PREPOSITIONS:
                            patient = None  # "tous deux anciens d'OpenAI, la société ..."
                    k += 1
                if (
                    patient is None
                    and len(agents) > 1
                    and agents[-1].start == agents[-2].end + 1
                    and self.lower(agents[-2].end) == ","
                ):
                    # "Dirigé par Keshav Murugesh, WNS emploie ...": no list, the subject
                    agents, patient = agents[:-1], agents[-1]
            elif pred == "invested_in" and self._round_before(t):
                # "That round was backed by A and B": the company raising it
                patient = self.doc.funding_target or self.doc.last_investee
            else:
                patient = self._apposition_patient(t)
                if patient is None and self._modifies_common_noun(t):
                    return  # "the boom in artificial intelligence led by Nvidia"
                patient = patient or self.left_subject(t)
            if patient and obj_ok(patient):
                for agent in agents:
                    if subj_ok(agent):
                        self.add(agent, pred, patient, t, rule + ":passive", 0.85, mod, amount)
            return
        if self.is_passive(t) and tok.lower not in NOUN_TRIGGERS:
            return
        inverted = self._inverted_relative(t)
        if inverted is not None:
            s, o = inverted  # "Broadcom, que dirige Hock Tan depuis 2006"
            if subj_ok(s) and obj_ok(o):
                self.add(s, pred, o, t, rule + ":relative", 0.8, mod, amount)
            return
        subj = self._possessive_purpose(t) or self.left_subject(t)
        start = object_from if object_from is not None else t + 1
        if tok.lower in NOUN_TRIGGERS or tok.lemma in NOUN_TRIGGERS:
            extra = set(extra) | {"de", "d'", "of", "du", "in"}
        obj = self.right_mention(start, 8, set(extra))
        if obj is None and self.lang == "en" and self.lower(t + 1) == "it" and subj is not None:
            # "Condé Nast bought Reddit in 2006, a year after A and B founded it": the nearest
            # organisation before the subject, else the one the text is about
            obj = next(
                (m for m in reversed(self.mentions) if m.end <= subj.start and self.org_ok(m)),
                None,
            ) or self.doc.topic_org(self, t, exclude=subj)
        if obj is None and subj is not None and subj.end == t:
            obj = self._reduced_relative_head(subj.start)  # "Red Hat, the specialist IBM bought"
        elif obj is None and self.lower(self._before_auxiliaries(t)) in ("it", "they", "he", "she"):
            # "AI Overviews, the summaries it introduced", "Neeva, the start-up he had co-founded"
            pronoun = self._before_auxiliaries(t)
            obj = self._reduced_relative_head(pronoun)
            if obj is not None:
                subj = self.doc.pronoun_antecedent(self, pronoun)
                if subj is None or subj.entity == obj.entity:
                    head = obj
                    subj = self.doc.recent_lead(
                        lambda x: x.entity != head.entity and self.org_ok(x), back=2
                    )
        if subj is None or obj is None:
            return
        if pred in COMPANY_ACTS:
            subj = self.acting_for(subj)
        if not (subj_ok(subj) and obj_ok(obj)):
            return
        if pred == "acquired" and self._unit_of(obj):
            return  # "bought Intel's NAND memory business": a unit without a name
        # "A, ..., et B, qui dirige X": the relative is B's; "A and B, who run X": both
        relative = any(self.lower(k) in ("qui", "who", "which") for k in range(subj.end, t))
        clause_joined = self.lower(subj.start - 2) == ","
        subjects = [subj] if relative and clause_joined else self.coordinated_left(subj)
        objects = self.coordinated(obj)
        # "bought A for $3.2 billion in 2017, B for ... in 2019": each item has its own
        prices = [self._own_price_and_date(o) for o in objects] if len(objects) > 1 else []
        priced = any(p is not None for p in prices)
        for s in subjects:
            for n, o in enumerate(objects):
                if not (subj_ok(s) and obj_ok(o)):
                    continue
                own = prices[n] if priced else None
                if priced and own is None:
                    own = (None, self.date_near_pos(self.toks[o.start].start))
                if own is not None:
                    self.add(s, pred, o, t, rule, 0.85, mod, own[0] if value else None, own[1])
                else:
                    self.add(s, pred, o, t, rule, 0.85, mod, amount)

    def _round_before(self, t: int) -> bool:
        """A funding round named just before the verb, with no name in between."""
        for j in range(t - 1, max(-1, t - 5), -1):
            if self.at(j) is not None:
                return False
            if self.lower(j) in FUNDING_NOUNS:
                return True
        return False

    def _possessive_purpose(self, t: int) -> Mention | None:
        """ "Google's effort to compete with OpenAI", "Meta's push to build": the owner of the
        noun the infinitive completes."""
        if self.lang != "en" or self.lower(t - 1) != "to":
            return None
        for k in (t - 3, t - 4):  # "X's effort to", "X's latest effort to"
            if self.lower(k) in ("'s", "’s") and all(
                self.toks[j].text.isalpha() and self.toks[j].text.islower() for j in range(k + 1, t)
            ):
                return self.ending(k - 1)
        return None

    def _before_auxiliaries(self, t: int) -> int:
        """The index before the auxiliaries that precede the verb at ``t`` ("he had founded")."""
        k = t - 1
        while k > 0 and self.lower(k) in AUXILIARIES_AND_ADVERBS:
            k -= 1
        return k

    def acting_for(self, m: Mention) -> Mention:
        """The company a person acts for when the article named their role ("chief executive
        Jensen Huang unveiled Blackwell": Nvidia did); else the mention itself."""
        org = self.doc.role_orgs.get(m.entity) if self.kind(m) == PERSON else None
        return self.doc.stand_in(org.entity) if org is not None else m

    def _reduced_relative_head(self, start: int) -> Mention | None:
        """ "X, the open-source specialist IBM bought", "X, the summaries it introduced": the
        name the clause (whose subject starts at ``start``) describes, before the comma."""
        j = start - 1
        while (
            j >= 0
            and start - j <= 10
            and (
                re.fullmatch(r"[a-zéèà\-']+", self.toks[j].text)
                or is_demonym(self.toks[j])
                or self.lower(j) in ("ai", "ia")  # "the platform for AI agents that X unveiled"
                or self.lower(j) in ROLE_TITLE_WORDS  # "that chief executive P unveiled"
            )
        ):
            if self.lower(j) in CLAUSE_BREAKS - {"that", "que", "qu'"}:
                return None
            j -= 1
        if j < 1 or self.lower(j) != "," or j == start - 1:
            return None
        head = self.ending(j - 1)
        return head if head is not None and not head.coref else None

    def _modifies_common_noun(self, t: int) -> bool:
        """A participle right after a common noun describes that noun, not a name."""
        prev = t - 1
        low = self.lower(prev)
        return (
            prev >= 0
            and self.ending(prev) is None
            and low not in SKIP_LEFT | COPULAS | {"été", "being", "been", "co", "-"}
            and self.at(prev) is None
            and self.toks[prev].pos not in ("AUX", "ADV", "PRON")
            and self.lower(prev - 1) not in ("de", "d'", "of")  # "entreprise de matériel cofondée"
            and bool(re.fullmatch(r"[a-zéèêàçûô\-]+", low))
            and not low.endswith("ly")
        )

    def _inverted_relative(self, t: int) -> tuple[Mention, Mention] | None:
        """French object relatives put the subject after the verb: "X, que dirige P" (P
        leads X), "le modèle qu'a développé Mistral AI"."""
        if self.lang != "fr":
            return None
        j = t - 1
        while j >= 0 and self.toks[j].pos == "AUX":
            j -= 1
        if self.lower(j) not in ("que", "qu'"):
            return None
        subj = self.starting(t + 1)
        k = j - 1 if self.lower(j - 1) == "," else j
        obj = None
        for e in range(k - 1, max(-1, k - 5), -1):  # "Le fabricant de semi-conducteurs, que"
            obj = self.ending(e)
            if obj is not None or self.lower(e) in (",", ";") or self.toks[e].pos == "VERB":
                break
        if subj is None or obj is None or subj.coref:
            return None
        return subj, obj

    def _apposition_patient(self, t: int) -> Mention | None:
        """ "io, la jeune entreprise cofondée par P": a participle inside an apposition
        describes the name the apposition follows."""
        for k in range(t - 1, max(-1, t - 8), -1):
            low = self.lower(k)
            if low == ",":
                if self.lower(k + 1) not in COREF_DETS | {"un", "une", "a", "an"}:
                    return None
                m = self.ending(k - 1)
                return m if m is not None and not m.coref else None
            ref = self.at(k)
            if ref is not None and ref.coref and self.lower(ref.start - 1) != ",":
                return ref  # "le directeur général du groupe fondé par X": the group
            if (
                low in CLAUSE_BREAKS
                or (ref is not None and not ref.coref)
                or self.toks[k].pos == "VERB"
            ):
                return None  # a reference noun may open the apposition ("la plateforme ...")
        return None

    def rule_acquired(self, t: int) -> None:
        low = self.toks[t].lemma
        if low == "offrir" and not {self.lower(t - k) for k in (1, 2, 3)} & REFLEXIVES:
            return  # "s'offrir", "il s'est offert", "s'était aussi offert"
        if low == "take" and self.lower(t + 1) != "over" and not self.starting(t + 1):
            return
        if low == "take" and self.lower(t + 1) != "over":
            return
        if low == "snap" and self.lower(t + 1) != "up":
            return
        if low in ("acquisition", "rachat", "achat", "purchase", "takeover") and self.lower(
            t + 1
        ) not in ("de", "d'", "du", "of"):
            return
        if self._agentless(t, "acquired"):
            return
        if low == "pay":
            # "paid $15.7 billion for Tableau": only with an amount and "for"
            k = next(
                (k for k in range(t + 1, min(len(self.toks), t + 9)) if self.lower(k) == "for"),
                None,
            )
            if k is None or not self.amount_near(t):
                return
            self.binary(
                t,
                "acquired",
                "acquire:pay",
                self.org_ok,
                self.thing_ok,
                value=True,
                object_from=k + 1,
            )
            return
        extra = {"over", "up", "de", "d'", "du"} if low in ("take", "snap", "emparer") else set()
        stake = self._stake_of(t)
        if stake is not None:
            # "racheter environ 77 % du capital de Flipkart": control, or a minority stake
            company, percent = stake
            buyer = self.acting_for(self.left_subject(t) or company)
            pred = "acquired" if percent > 50 else "invested_in"
            if buyer.entity != company.entity and (self.org_ok(buyer) or self.person_ok(buyer)):
                self.add(buyer, pred, company, t, "stake", 0.8, self.modality(t))
            return
        shares = self._shares_of(t)
        if shares is not None:
            # "will buy Intel common stock", "buy $2 billion of Intel shares": a stake
            buyer = self.left_subject(t)
            if buyer is not None and (self.org_ok(buyer) or self.person_ok(buyer)):
                self.add(buyer, "invested_in", shares, t, "shares", 0.8, self.modality(t))
            return
        self.binary(t, "acquired", "acquire", self.org_ok, self.thing_ok, extra, value=True)

    def rule_founded(self, t: int) -> None:
        lemma = self.toks[t].lemma
        if (
            lemma in ("créer", "start", "establish")
            and not self.passive_agent(t)
            and not (lemma == "start" and self._founding_object(t))
        ):
            return
        if lemma == "set" and self.lower(t + 1) != "up":
            return
        before = len(self.found)
        self.binary(t, "founded", "found", self.person_ok, self.thing_ok)
        self._cofounders(t, self.found[before:])

    def _stake_of(self, t: int) -> tuple[Mention, float] | None:
        """ "77 % du capital de Flipkart", "a 20% stake in X", "49% of X": whose and how much."""
        for k in range(t + 1, min(len(self.toks), t + 6)):
            number = self.toks[k].text.replace(",", ".")
            unit = self.lower(k + 1)
            if not re.fullmatch(r"\d+(\.\d+)?", number) or unit not in ("%", "percent", "pour"):
                continue
            j = k + 2 + (unit == "pour")  # "77 pour cent"
            while self.lower(j) in ("du", "de", "d'", "of", "the", "le", "capital", "stake", "in"):
                j += 1
            company = self.starting(j)
            return (company, float(number)) if company is not None else None
        return None

    def _shares_of(self, t: int) -> Mention | None:
        """ "buy $2 billion of Intel shares", "acheter des actions de X": whose shares."""
        for k in range(t + 1, min(len(self.toks), t + 9)):
            m = self.ending(k)
            nxt = k + 1 + (self.lower(k + 1) in ("common", "ordinary"))
            if m is not None and self.lower(nxt) in ("shares", "share", "stock"):
                return m  # "Intel common stock", "$2 billion of Intel shares"
            if self.lower(k) in ("actions", "titres") and self.lower(k + 1) in ("de", "d'"):
                return self.starting(k + 2)
            if self.lower(k) in CLAUSE_BREAKS:
                break
        return None

    def _cofounders(self, t: int, found: list[Candidate]) -> None:
        """ "A started X with B and C": B and C founded X too."""
        if not found or self.passive_agent(t):
            return
        obj = self.right_mention(t + 1, 4, {"up"})
        if obj is None:
            return
        w = obj.end
        while w < obj.end + 4 and self.lower(w) not in ("with", "avec", "alongside", "aux"):
            if not (self.lower(w) in ("en", "in") or re.fullmatch(r"\d{4}", self.lower(w))):
                return  # "a cofondé DeepMind en 2010 avec A et B": only a date in between
            w += 1
        if self.lower(w) not in ("with", "avec", "alongside", "aux"):
            return
        k = w + (3 if self.lower(w) == "aux" else 1)  # "aux côtés de"
        partner = self.starting(k)
        if partner is None or not self.person_ok(partner):
            return
        for p in self.coordinated(partner):
            if self.person_ok(p):
                self.add(p, "founded", obj, t, "found:with", 0.8, found[0].modality)

    def _founding_object(self, t: int) -> bool:
        """ "A started X with B": the object right after the verb is an organisation."""
        obj = self.starting(t + 1)
        return obj is not None and self.kind(obj) in (ORG, None) and not obj.coref

    def _as_role(self, t: int) -> str | None:
        """ "ran X as chief executive": the role named after "as"/"en tant que"."""
        obj = self.right_mention(t + 1, 3)
        if obj is None and self.lower(t + 1) != "it":
            return None
        # "runs Tesla and SpaceX as chief executive", "still runs it as chief executive"
        j = self.coordinated(obj)[-1].end if obj is not None else t + 2
        if self.lower(j) in ("as", "comme"):
            j += 1
        elif self.lower(j) == "en" and self.lower(j + 1) == "tant":
            j += 3
        else:
            return None
        while self.lower(j) in DETERMINERS | {"interim", "joint", "co", "-", "new"}:
            j += 1  # "as interim co-CEOs"
        found = self._roles_at(j)
        return found[0] if found else None

    def rule_leads(self, t: int) -> None:
        if self._round_leads(t) or self.toks[t].lemma == "mener":
            return
        if self._former(t) or any(self.lower(j) in FUNDING_NOUNS for j in range(max(0, t - 4), t)):
            return
        role = self._as_role(t)
        if role in ("ceo_of", "leads"):
            self.binary(t, role, "lead:as", self.person_ok, self.org_ok)
            return
        if self._leads_a_function(t):
            # "Google, where he oversaw the advertising business": an employee
            self.binary(t, "works_for", "lead:function", self.person_ok, self.org_ok)
            return
        if self.toks[t].lemma == "helm":
            # "took the helm at Renesas in 2019": the chief executive, unless of a unit
            obj = self.right_mention(t + 1, 3, {"at", "of"})
            if obj is not None and not self._unit_like(obj, t + 1):
                self.binary(t, "ceo_of", "helm", self.person_ok, self.org_ok, {"at", "of"})
                return
        self.binary(t, "leads", "lead", self.person_ok, self.org_ok)

    def _leads_a_function(self, t: int) -> bool:
        """ "oversaw the advertising business", "dirige la recherche": what is led is named
        by common nouns, not by a name."""
        j = t + 1
        if self.lower(j) not in ("the", "its", "la", "le", "les", "l'", "son", "sa", "ses"):
            return False
        if self.starting(j) or self.at(j):
            return False  # "pilote le laboratoire": a reference to an organisation
        words = 0
        for k in range(j + 1, min(len(self.toks), j + 5)):
            if self.starting(k) or self.lower(k) in ("'s", "’s"):
                return False
            if not self.toks[k].text.isalpha() or not self.toks[k].text.islower():
                break
            if self.lower(k) in ("of", "at", "de", "du", "des", "d'", "chez"):
                break
            words += 1
        return words > 0

    def _round_leads(self, t: int) -> bool:
        """ "A and B co-led the round", "a round (co-)led by A, B and C", "une levée menée par
        A": the leaders invested in the company raising the money."""
        if self.toks[t].lemma not in ("lead", "mener", "conduire", "diriger"):
            return False
        # "l'opération a été menée par X", not "celles menées par X" further on
        rounds = FUNDING_NOUNS - {"opération", "investment", "investissement"}
        after = any(self.lower(j) in rounds for j in range(t + 1, t + 4))
        before = (
            any(self.lower(j) in rounds | {"levée", "fonds"} for j in range(max(0, t - 7), t))
            or any(self.lower(j) == "opération" for j in range(max(0, t - 4), t))
            # "L'opération, qui permet ..., a été menée par": the sentence is about the round
            or (self.lower(1) in FUNDING_NOUNS and self.lower(0) in DETERMINERS)
        )
        if not (after or before):
            return False
        mod = self.modality(t)
        passive = self.passive_agent(t)
        if passive and before:
            investors = passive[0]
        elif after and not self.is_passive(t):
            subj = self.left_subject(t)
            investors = self.coordinated_left(subj) if subj else []
        else:
            return before or after
        target = self._raised_here(t) or self.doc.funding_target
        named = {inv.entity for inv in investors}
        if target is None:
            target = self.doc.topic_org(self, t, exclude=investors[0] if investors else None)
        if target is not None and target.entity in named:  # "A and B led the round"
            target = self.doc.salient_mention(named)
        if target is None:
            return True
        for inv in investors:
            if (self.org_ok(inv) or self.person_ok(inv)) and inv.entity != target.entity:
                amount = self.amount_near(t) if self.doc.funding_target is None else None
                self.add(inv, "invested_in", target, t, "round lead", 0.75, mod, amount)
        return True

    def _raised_here(self, t: int) -> Mention | None:
        """The company that raises money in this sentence before ``t`` ("Mistral AI, qui a levé
        105 millions d'euros lors d'un tour mené par X")."""
        for j in range(t - 1, -1, -1):
            if self.toks[j].lemma in RAISE_VERBS or self.lower(j) in ("raised", "raises"):
                subj = self.left_subject(j)
                if subj is not None and self.org_ok(subj) and self.kind(subj) != PERSON:
                    return subj
                # "Mistral AI, fondé par A, B et C, qui a levé": the organisation, not C
                return next(
                    (
                        m
                        for m in reversed(self.mentions)
                        if m.end <= j
                        and self.kind(m) == ORG
                        and self.lower(m.start - 1) not in ("par", "by", "et", "and", ",")
                    ),
                    None,
                )
        return None

    def rule_works_for(self, t: int) -> None:
        lemma = self.toks[t].lemma
        if lemma in ("recruter", "embaucher", "débaucher", "hire", "poach", "recruit"):
            mod = self.modality(t)
            subj = self.left_subject(t)
            obj = self.right_mention(t + 1, 5)
            if obj is not None and self.lower(obj.end) in EMPLOYEE_NOUNS | {"staff", "team"}:
                return  # "hire HTC engineers": the company's people, not the company
            if subj and obj and self.org_ok(subj) and self.person_ok(obj) and not subj.coref:
                self.add(obj, "works_for", subj, t, "hire", 0.8, mod)
            return
        if self._joined_as_investors(t):
            return
        self.binary(t, "works_for", "join", self.person_ok, self.org_ok)

    def _joined_as_investors(self, t: int) -> bool:
        """ "A and B joined as new investors", "companies joined as investors, including A and
        B": investors of the company raising money."""
        if self.lower(t + 1) not in ("as", "comme"):
            return False
        k = t + 2
        while k < len(self.toks) and k < t + 6 and self.lower(k) not in PARTICIPANT_NOUNS:
            if not self.toks[k].text.islower():
                return False
            k += 1
        if self.lower(k) not in PARTICIPANT_NOUNS:
            return False
        target = self.doc.funding_target or self.doc.last_investee
        cue = next((j for j in range(k, k + 4) if self.lower(j) in LIST_CUES), None)
        first = self._list_item(cue + 1) if cue is not None else None
        subject = self.left_subject(t)
        if first is not None:
            investors = self.coordinated(first)
        else:
            investors = self.coordinated_left(subject) if subject is not None else []
        for inv in investors if target is not None else []:
            if inv.entity != target.entity and (self.org_ok(inv) or self.person_ok(inv)):
                self.add(
                    inv, "invested_in", target, t, "joined as investor", 0.75, self.modality(t)
                )
        return True

    def rule_built(self, t: int) -> None:
        if self._former(t):
            return
        if self.toks[t].lemma == "make" and any(
            self.lower(j) in ("available", "public", "possible", "sure", "clear", "easier")
            for j in range(t + 1, t + 25)
        ):
            return  # "made the service broadly available"
        self.binary(t, "built", "build", self.org_ok, self.product_ok)

    def product_ok(self, m: Mention | None) -> bool:
        return m is not None and self.kind(m) in (PRODUCT, None) and not m.coref

    def rule_launched(self, t: int) -> None:
        tok = self.toks[t]
        if tok.lemma == "roll" and self.lower(t + 1) != "out":
            return
        if tok.lemma == "présenter" and not self.product_ok(self.right_mention(t + 1, 4)):
            return  # "a présenté ses résultats", "présenté par"
        if self._founding_launch(t):
            return
        subj_after_possessive = self._participle_owner(t)
        if subj_after_possessive:
            return
        if self._nominal_launch(t) or self._agentless_launch(t) or tok.lower == "arrivée":
            return
        self.binary(t, "launched", "launch", self.org_ok, self.product_ok, {"out"})

    def _founding_launch(self, t: int) -> bool:
        """ "Kyutai a été lancé en novembre par A, B et C": people launching an organisation
        founded it."""
        passive = self.passive_agent(t)
        if not passive or not all(self.kind(a) == PERSON for a in passive[0]):
            return False
        patient = self._apposition_patient(t) or self.left_subject(t)
        if patient is None or self.kind(patient) != ORG:
            return False
        for agent in passive[0]:
            self.add(agent, "founded", patient, t, "launch:founded", 0.75, self.modality(t))
        return True

    def _maker_ok(self, org: Mention, product: Mention) -> bool:
        """False when the graph says another organisation made the product."""
        p = self.doc.entities.get(product.entity)
        o = self.doc.entities.get(org.entity)
        makers = self.doc.gazetteer.makers.get(p.iri, set()) if p and p.iri else set()
        return not makers or (o is not None and o.iri in makers)

    def _eponym_owner(self, product: Mention) -> Mention | None:
        """The organisation a product is named after: "Meta AI" -> Meta."""
        words = product.key.split()
        for n in range(len(words) - 1, 0, -1):
            head = " ".join(words[:n])
            for info in self.doc.entities.values():
                if info.kind == ORG and search_key(info.name) == head:
                    return self.doc.stand_in(info.key)
        return None

    def _nominal_launch(self, t: int) -> bool:
        """ "Depuis le lancement de Llama en 2023, le géant ... mise": the launcher is the
        agent ("par X"), else the subject of the main clause, else the topic organisation."""
        tok = self.toks[t]
        announced = tok.lower in ("arrivée",) and any(
            self.toks[j].lemma in ("annoncer", "confirmer", "promettre")
            for j in range(max(0, t - 4), t)
        )
        if not (
            tok.lemma in ("lancement", "sortie")
            or announced
            or (self.lang == "en" and tok.lower == "launch" and self.lower(t - 1) in DETERMINERS)
        ):
            return False
        k = t + 1
        while k < len(self.toks) and (
            self.toks[k].pos == "ADJ"
            or self.lower(k) in ("«", '"', "“")
            or (self.lower(k) == "en" and self.lower(k + 1) in MONTHS)
            or self.lower(k) in MONTHS
        ):
            k += 1  # "l'arrivée prochaine « de ...", "la sortie en avril de Llama 4"
        if self.lower(k) not in ("de", "d'", "du", "of"):
            return True
        product = self.right_mention(k + 1, 4)
        if product is None or not self.product_ok(product):
            return True
        agents = self.passive_agent(k)
        owner = agents[0][0] if agents else None
        conf = 0.7
        if owner is None:
            root = next((x.i for x in self.toks if x.dep == "ROOT"), None)
            if root is not None and root != t:
                owner = self._dependency_subject(root)
            owner = owner or self._eponym_owner(product) or self.doc.topic_org(self, t)
            conf = 0.65
        if owner is not None and self.org_ok(owner) and self._maker_ok(owner, product):
            mod = self.modality(t)
            if mod == "Stated" and any(
                self.lower(j) in ("prochaine", "prochain", "upcoming") for j in range(t - 1, k)
            ):
                mod = "Planned"
            self.add(owner, "launched", product, t, "launch:nominal", conf, mod)
        return True

    def _agentless_launch(self, t: int) -> bool:
        """ "Meta AI, lancée il y a quelques mois, ...": no agent; the product's eponym, else
        the organisation the text is about."""
        tok = self.toks[t]
        if self.lang != "fr" or tok.pos not in ("VERB", "ADJ") or self.lower(t - 1) != ",":
            return False
        if self.passive_agent(t) or self.lower(t - 2) in ("a", "ont"):
            return False
        product = self.ending(t - 2)
        if product is None or product.coref or not self.product_ok(product):
            return False
        owner = self._eponym_owner(product) or self.doc.topic_org(self, 0, exclude=product)
        if owner is not None and self.org_ok(owner) and self._maker_ok(owner, product):
            self.add(owner, "launched", product, t, "launch:participle", 0.65, self.modality(t))
        return True

    def rule_eponyms(self) -> None:
        """A product named after its maker ("Meta AI", "Google Gemini") was built by it; a lab
        named after its company ("Meta Superintelligence Labs", "Microsoft Research") is part
        of it."""
        for m in self.mentions:
            words = m.key.split()
            if (
                not m.coref
                and len(words) > 1
                and words[-1] in UNIT_NAME_ENDS
                and self.kind(m) in (ORG, None)
            ):
                owner = self._eponym_owner(m)
                if owner is not None and owner.entity != m.entity:
                    self.add(
                        m,
                        "part_of",
                        owner,
                        m.start,
                        "unit name",
                        0.7,
                        "Stated",
                        date=(None, "point"),
                    )
            if m.coref or self.kind(m) != PRODUCT:
                continue
            owner = self._eponym_owner(m)
            if owner is not None and self._maker_ok(owner, m):
                self.add(owner, "built", m, m.start, "eponym", 0.7, "Stated", date=(None, "point"))

    def _agentless(self, t: int, pred: str) -> bool:
        """ "X : acquise en décembre 2025, ..." (no agent): the article's company did it."""
        tok = self.toks[t]
        if (
            self.lang != "fr"
            or tok.pos not in ("VERB", "ADJ")
            or tok.dep not in ("acl", "ROOT", "advcl", "amod", "appos", "parataxis", "dislocated")
        ):
            return False
        if self.passive_agent(t) or self.lower(t - 1) not in (":", ",", "—", "-"):
            return False
        patient = self.ending(t - 2)
        if patient is None or patient.coref or not self.org_ok(patient):
            return False
        owner = self.doc.topic_org(self, 0, exclude=patient)
        if owner is None:
            return True
        self.add(owner, pred, patient, t, "participle:topic", 0.65, self.modality(t))
        return True

    def _participle_owner(self, t: int) -> bool:
        """ "Agentforce, sa plateforme ... lancée l'an dernier": the owner via the possessive."""
        if self.lang != "fr" or self.toks[t].pos not in ("VERB", "ADJ"):
            return False
        if self.lower(t - 1) in ("a", "ont", "avait", "avaient", "va", "vont") or self.is_passive(
            t
        ):
            return False
        j = t - 1
        while j >= 0 and self.lower(j) != ",":
            j -= 1
        if j <= 0:
            return False
        product = self.ending(j - 1)
        possessive = any(self.lower(k) in POSSESSIVES for k in range(j + 1, t))
        if product and possessive and self.product_ok(product):
            owner = self.doc.topic_org(self, j)
            if owner:
                self.add(owner, "launched", product, t, "launch:possessive", 0.65, self.modality(t))
            return True
        return False

    def rule_invested_in(self, t: int) -> None:
        lemma = self.toks[t].lemma
        mod = self.modality(t)
        if lemma in ("lever", "raise", "recevoir", "receive", "obtenir", "secure", "réunir"):
            target = self.left_subject(t)
            amount = self.amount_near(t)
            money = any(
                self.lower(k) in ("fonds", "funds", "money", "capital") for k in (t + 1, t + 2)
            )
            if target is None or (amount is None and not money) or not self.org_ok(target):
                return  # "a levé 40 M€", "avait levé des fonds auprès de A
            self.doc.funding_target = target
            for j in range(t + 1, len(self.toks)):
                low = self.lower(j)
                if low in ("de", "d'", "from") and any(
                    0 <= self.toks[j].start - a.end <= 1 for a in self.amounts
                ):
                    # "a reçu 2 milliards de dollars de SoftBank"
                    m = self.right_mention(j + 1, 3)
                    if m and self.org_ok(m) and m.entity != target.entity:
                        for inv in self.coordinated(m):
                            self.add(inv, "invested_in", target, t, "receive", 0.75, mod, amount)
                    break
                if (
                    (
                        low in ("par", "by")
                        and self.lower(j - 1)
                        in (
                            "mené",
                            "menée",
                            "menés",
                            "led",
                            "backed",
                            "conduit",
                            "emmené",
                            "emmenés",
                        )
                    )
                    or (low == "from" and self.lower(j - 1) not in ("up",))
                    or (
                        low == "auprès"
                        and self.lower(j + 1) in ("de", "d'", "du", "des", "notamment")
                    )
                ):
                    if low in ("par", "by"):
                        agents = self.passive_agent(j - 1)
                        agents = agents[0] if agents else []
                    else:  # "raised $1bn from A and B", "levé 40 M€ auprès de A, B et C"
                        k = j + 2 if low == "auprès" else j + 1
                        if low == "auprès" and self.lower(j + 1) in ("du", "des"):
                            k -= 1  # "auprès du fonds américain A": "du" is "de le"
                        if self.lower(j + 1) == "notamment":
                            k += 1  # "auprès notamment de A, B et C"
                        first = self._list_item(k) or self._listed_after_description(k)
                        agents = self.coordinated(first) if first and not first.coref else []
                    for agent in agents:
                        if self.org_ok(agent) or self.person_ok(agent):
                            self.add(agent, "invested_in", target, t, "raise", 0.8, mod, amount)
                    # "mené par A, puis ... auprès d'investisseurs emmenés par B": read on
            return
        if lemma == "back" and self.lower(t - 1) in PARTICLE_HOSTS:
            return  # "bring back its founders": not backing
        if lemma in ("commit", "pledge"):
            self._pledged(t, mod)
            return
        if lemma == "take" and not (
            self.lower(t + 1) == "part"
            and (
                self.lower(t + 2) in ("in", "as")
                or (self.lower(t + 2) in (".", ",", ";") and self.doc.funding_target is not None)
            )
        ):
            return  # "took part in the round", "as strategic investors", "also took part."
        if lemma == "soutenir" and not self.passive_agent(t):
            return  # only "OpenAI, soutenu par Microsoft": "soutenir" alone is to support
        if lemma == "prendre" and self.lower(t + 1) == "part":
            lemma = "participer"  # "auquel avaient pris part X et Y"
        if lemma in ("participer", "take", "figurer"):  # "A, B and C also took part in the round"
            target = self._round_of(t) or self.doc.funding_target or self.doc.last_investee
            if lemma == "figurer" and not (
                self.lower(t + 1) == "parmi" and self.lower(t + 3) in PARTICIPANT_NOUNS
            ):
                return  # "A et B figurent parmi les participants à ce tour de table"
            subj = self.left_subject(t)
            after = t + 1
            while self.lower(after) in ("part", "aussi", "également", "notamment"):
                after += 1
            inverted = self._clitic_y(t) or any(
                self.lower(j) in ("auquel", "auxquels", "laquelle", "auxquelles")
                for j in range(max(0, t - 3), t)
            )
            if inverted and self._list_item(after) and target is not None:
                # "un tour mené par Accel, auquel avaient participé Nvidia, Amazon et Meta",
                # "Y participent aussi A et B"
                for s in self.coordinated(self._list_item(after)):
                    if s.entity != target.entity:
                        self.add(s, "invested_in", target, t, "participate", 0.7, mod)
                return
            ended = (self.lower(t + 1) == "part" and self.lower(t + 2) in (".", ",", ";")) or (
                self._clitic_y(t) and self.doc.funding_target is not None
            )  # "A, B et C y participent également"
            if (
                target
                and subj
                and (
                    ended
                    or any(
                        self.lower(j) in FUNDING_NOUNS | PARTICIPANT_NOUNS for j in range(t, t + 5)
                    )
                )
            ):
                investors = self.coordinated_left(subj)
                if len(investors) == 1:
                    investors = self.coordinated(subj)  # the parse's subject is the list's first
                for s in investors:
                    self.add(s, "invested_in", target, t, "participate", 0.7, mod)
            return
        if lemma == "participation":
            # "Microsoft a pris une participation dans X", "X, dont elle a pris une participation"
            verb = next(
                (
                    j
                    for j in range(max(0, t - 4), t)
                    if self.toks[j].lemma in ("prendre", "détenir", "acquérir")
                ),
                None,
            )
            if verb is None:
                return
            investor = self.left_subject(verb)
            target = self.right_mention(t + 1, 6, {"dans", "au", "capital", "de", "d'", "du"})
            for j in range(verb - 1, max(0, verb - 5), -1):
                if self.lower(j) == "dont" and self.lower(j - 1) == ",":
                    target = self.ending(j - 2)
            if investor and target and self.org_ok(investor) and self.org_ok(target):
                self.add(investor, "invested_in", target, t, "stake", 0.8, mod, self.amount_near(t))
            return
        if lemma == "stake":
            into = next(
                (k for k in range(t + 1, min(len(self.toks), t + 7)) if self.lower(k) == "in"), None
            )
            if into is not None and self.lower(t + 1) != "to":
                # "a stake in X", "a stake of nearly 10% in the company"
                subj = self.left_subject(t)
                obj = self.right_mention(into + 1, 4)
                if (
                    subj
                    and obj
                    and self.org_ok(obj)
                    and (self.org_ok(subj) or self.person_ok(subj))
                ):
                    self.add(subj, "invested_in", obj, t, "stake", 0.8, mod, self.amount_near(t))
            elif self.lower(t + 1) == "to":
                buyer = self.right_mention(t + 2, 3)
                if buyer:
                    seller = self.left_subject(t)
                    obj = self._stake_owner(t)
                    if obj and seller is not None:
                        self.add(buyer, "invested_in", obj, t, "stake:sold", 0.7, mod)
            return
        if lemma in ("investir", "invest", "financer") and self._relative_target(t):
            target, investor = self._relative_target(t)
            self.add(
                investor, "invested_in", target, t, "invest:relative", 0.8, mod, self.amount_near(t)
            )
            return
        if lemma == "put" and not (
            any(self.lower(j) in ("money", "cash", "capital", "$") for j in range(t + 1, t + 4))
            or self.amount_near(t)
        ):
            return
        if lemma in ("investir", "invest", "investment", "pour", "financer", "put"):
            # "invests $X in Y" / "investit X dans Y"; without a company object it is spending
            j = t + 1
            obj = None
            while j < min(len(self.toks), t + 12):
                if (
                    self.lower(j) in ("in", "into", "dans", "en")
                    and self.lower(j - 1) != "up"
                    and self.lower(j + 1) not in ("outre", "effet", "plus", "revanche", "parallèle")
                ):
                    obj = self.right_mention(j + 1, 6, {"de", "d'", "nouvelle", "filiale"})
                    if obj is not None:
                        break
                if self.lower(j) in CLAUSE_BREAKS:
                    break
                j += 1
            if obj is None and self._clitic_y(t):
                # "Microsoft noue un partenariat avec la jeune pousse ... et y investit 15 M€"
                subj0 = self.left_subject(t)
                obj = next(
                    (
                        m
                        for m in self.mentions
                        if m.end <= t
                        and self.org_ok(m)
                        and (subj0 is None or (m.start > subj0.start and m.entity != subj0.entity))
                    ),
                    None,
                )  # the first organisation after the subject: the clause's object
                if obj is None and subj0 is not None:  # "Amazon y a investi 8 milliards"
                    obj = self.doc.salient_mention(exclude={subj0.entity})
            passive = self.passive_agent(t)
            if passive:
                patient = self.left_subject(t)
                if self.ending(t - 1) and self.lower(self.ending(t - 1).start - 1) in (
                    "de",
                    "d'",
                    "of",
                ):
                    patient = self.ending(t - 1)  # "les modèles d'OpenAI financés par Microsoft"
                for agent in passive[0]:
                    if patient and self.org_ok(agent):
                        self.add(agent, "invested_in", patient, t, "finance:passive", 0.8, mod)
                return
            if obj is None or not self.org_ok(obj):
                return
            subj = self.left_subject(t)
            if subj and self.org_ok(subj):
                for s in self.coordinated_left(subj):
                    self.add(s, "invested_in", obj, t, "invest", 0.85, mod, self.amount_near(t))
            return
        self.binary(t, "invested_in", "back", self.org_ok, self.org_ok, value=True)

    def _round_of(self, t: int) -> Mention | None:
        """ "a participé à la levée de fonds de 500 millions de la start-up Aleph Alpha": the
        company whose round it is, named after the funding noun."""
        nouns = [j for j in range(t, min(len(self.toks), t + 6)) if self.lower(j) in FUNDING_NOUNS]
        if not nouns:
            return None
        for j in range(nouns[0] + 1, min(len(self.toks), nouns[0] + 16)):
            if self.lower(j) in CLAUSE_BREAKS | {","}:
                return None
            m = self.starting(j)
            if m is not None:
                return m if self.org_ok(m) and self.lower(j - 1) in ("de", "d'", "of") else None
        return None

    def rule_co_investors(self) -> None:
        """Investors listed around a funding round: "avec la participation de A, B et C", "aux
        côtés de A", "alongside A", "le tour de table réunit A, B et C", "investors include A".
        They invested in the company of this sentence's round, else of the article's last one."""
        funding = FUNDING_NOUNS | {"investisseurs", "investors", "participants", "backers"}
        if not any(self.lower(j) in funding for j in range(len(self.toks))):
            return
        raised = [c for c in self.found if c.predicate == "invested_in"]
        target = None
        if raised:
            key = raised[-1].object
            target = next(
                (m for m in self.mentions if self.doc.entities[m.entity].name == key), None
            )
        target = target or self.doc.funding_target or self.doc.last_investee
        if target is None:
            return
        for i in range(len(self.toks)):
            start = None
            for cue in CO_INVESTOR_CUES:
                if all(self.lower(i + n) == w for n, w in enumerate(cue)):
                    start = i + len(cue)
                    break
            if start is None and self.toks[i].lemma in LIST_VERBS:
                start = i + 1
            if start is None:
                continue
            first = self._list_item(start) or self._listed_after_description(start)
            if first is None or first.coref:
                continue
            for inv in self.coordinated(first):
                if inv.entity != target.entity and (self.org_ok(inv) or self.person_ok(inv)):
                    self.add(inv, "invested_in", target, i, "co-investor", 0.7, self.modality(i))

    def rule_member_lists(self) -> None:
        """Investors and founders named as a company's: "Anthropic counts Amazon and Google
        among its investors", "its backers include A and B", "parmi ses actionnaires figurent
        A et B", "its founding team included A and B", "ses cofondateurs comptent A"."""
        opening = self._member_noun(0)
        if opening is not None and self.lower(opening[1]) in MEMBER_VERBS:
            # "Co-founders include A, B and C": of the company the text is about
            first = self._list_item(opening[1] + 1)
            owner = self.doc.salient_mention()
            if first is not None and owner is not None:
                self._add_members(self.coordinated(first), MEMBER_NOUNS[opening[0]], owner, 0)
        for i in range(len(self.toks) - 2):
            if self._member_noun(i) is not None:
                self._members_of_named(i)  # "Backers of the company include A and B"
            k = i + 1
            while k < i + 3 and (self._adjective(k) or self.lower(k) in MEMBER_ADJECTIVES):
                k += 1  # "its early backers", "ses principaux actionnaires"
            found = self._member_noun(k)
            if self.lower(i) not in POSSESSIVES or found is None:
                continue
            pred, after = MEMBER_NOUNS[found[0]], k + found[1]
            among = self.lower(i - 1) in ("among", "parmi")
            members: list[Mention] = []
            if among and self.lower(after) in ("figurent", "figure"):
                first = self._list_item(after + 1)  # "parmi ses actionnaires figurent A et B"
                members = self.coordinated(first) if first is not None else []
            elif among and i > 1:
                last = self.ending(i - 2)  # "Anthropic counts A and B among its investors"
                members = self.coordinated_left(last) if last is not None else []
                owner = self.left_subject(min(x.start for x in members)) if members else None
                if owner is not None and self.org_ok(owner):
                    self._add_members(members, pred, owner, i)
                continue
            elif self.lower(after) in MEMBER_VERBS:
                first = self._list_item(after + 1)  # "its backers include A and B"
                members = self.coordinated(first) if first is not None else []
            members = [x for x in members if not x.coref]
            if members:
                owner = self.possessive_owner(i, exclude=members[0])
                if owner is not None:
                    self._add_members(members, pred, owner, i)

    def _members_of_named(self, i: int) -> None:
        """Members of a named company, the member noun at ``i``: "Cerebras's backers include
        A and B", "Backers of the company include A, B and C"."""
        noun, n = self._member_noun(i)
        if self.lower(i - 1) in ("'s", "’s"):
            owner, after = self.ending(i - 2), i + n
        elif self.lower(i + n) in ("of", "de", "d'", "du"):
            owner = self.right_mention(i + n + 1, 3)
            after = owner.end if owner is not None else i
        else:
            return
        if owner is None or self.lower(after) not in MEMBER_VERBS:
            return
        first = self._list_item(after + 1)
        members = [x for x in self.coordinated(first) if not x.coref] if first else []
        if members and self.org_ok(owner):
            self._add_members(members, MEMBER_NOUNS[noun], owner, i)

    def _member_noun(self, i: int) -> tuple[str, int] | None:
        """The member noun at ``i`` and its length in tokens ("investors", "co-founders",
        "founding team")."""
        hyphen = "".join(self.lower(i + k) for k in range(3))
        two = f"{self.lower(i)} {self.lower(i + 1)}"
        for noun, n in ((hyphen, 3), (two, 2), (self.lower(i), 1)):
            if noun in MEMBER_NOUNS:
                return noun, n
        return None

    def _add_members(self, members: list[Mention], pred: str, owner: Mention, i: int) -> None:
        if any(x.entity == owner.entity for x in members):
            return
        for m in members:
            if pred in ("part_of", "subsidiary_of") and not self.org_ok(m):
                continue
            if (
                pred == "founded"
                and self.person_ok(m)
                or pred != "founded"
                and (self.org_ok(m) or self.person_ok(m))
            ):
                self.add(m, pred, owner, i, "member list", 0.8, self.modality(i))

    def rule_career(self) -> None:
        """Where people come from: "A, ancien de Google DeepMind", "B et C, tous deux venus de
        Meta", "D, passé par Airbus", "E spent two decades at Google", "moved to Microsoft"."""
        for i in range(1, len(self.toks)):
            low = self.lower(i)
            if low in CAREER_FR and self.lower(i + 1) in ("de", "d'", "par", "chez"):
                org = self.right_mention(i + 2, 3)
            elif low in ("spent", "moved", "worked", "works") and self.lang == "en":
                k = next(
                    (
                        k
                        for k in range(i + 1, min(len(self.toks), i + 6))
                        if self.lower(k) in ("at", "to", "for")
                    ),
                    None,
                )
                org = self.right_mention(k + 1, 2) if k is not None else None
            elif low == "from" and self._joined_from(i) is not None:
                org = self.right_mention(i + 1, 2)  # "who joined Arm from Nvidia"
            elif low in EMPLOYEE_NOUNS and self.lower(i - 1) != "chief":
                org = self._employer(i)  # "a former senior executive at Google"
            else:
                continue
            if org is None or not self.org_ok(org) or org.coref:
                continue
            people = self._career_people(i)
            orgs = [org]
            if self.lower(org.end) in ("and", "et"):  # "worked at Google DeepMind and OpenAI"
                orgs += [m for m in self.coordinated(org)[1:2] if self.org_ok(m)]
            for person in people:
                if self.person_ok(person) and self.kind(person) == PERSON:
                    for o in orgs:  # "worked at Google DeepMind and OpenAI"
                        self.add(
                            person, "works_for", o, i, "career", 0.7, "Stated", date=(None, "point")
                        )

    def _joined_from(self, i: int) -> int | None:
        """The index of "joined" in "joined Arm from Nvidia" (``i`` is "from")."""
        m = self.ending(i - 1)
        k = m.start - 1 if m is not None else i - 1
        return k if self.lower(k) in ("joined", "joins", "join", "rejoint") else None

    def _employer(self, i: int) -> Mention | None:
        """The organisation of an employee noun at ``i``: "engineer at Google", "ingénieur
        chez Apple", "Google engineers", "one of Google's best-known engineers"."""
        if self.lower(i + 1) in ("at", "chez", "of", "de", "d'"):
            return self.right_mention(i + 2, 3)
        j = i - 1
        while j > 0 and self.toks[j].text.isalpha() and self.toks[j].text.islower():
            j -= 1  # "senior", "best-known"
        if self.lower(j) in ("'s", "’s"):
            return self.ending(j - 1)
        m = self.ending(i - 1)
        return m if m is not None and not m.coref else None

    def _career_people(self, i: int) -> list[Mention]:
        """The people a career phrase at ``i`` describes: the apposition's head ("A, ancien
        de X"), a list ("B et C, tous deux venus de X"), or the clause's subject."""
        j = i - 1
        while j >= 0 and self.lower(j) in (
            "tous",
            "toutes",
            "deux",
            "trois",
            "both",
            "all",
            "l'",
            "un",
            "une",
            "a",
            "an",
        ):
            j -= 1
        if self.lower(j) == ",":
            m = self.ending(j - 1)
            return self.coordinated_left(m) if m is not None else []
        if self.lower(i) == "from" and self._joined_from(i) is not None:
            m = self.left_subject(self._joined_from(i))  # "Rene Haas, who joined Arm from"
            return [m] if m is not None else []
        k = i + 1
        while k < len(self.toks) and k < i + 8 and self.lower(k) not in ("including", "dont"):
            k += 1
        if self.lower(k) in ("including", "dont"):
            first = self.right_mention(k + 1, 3)  # "former OpenAI employees including A and B"
            if first is not None:
                return self.coordinated(first)
        if self.lang == "en":
            while j >= 0 and self.toks[j].text.isalpha() and self.toks[j].text.islower():
                j -= 1
            if j < 0 or self.toks[j].text in ("A", "An"):
                # "A former senior executive at Google, Arora ...": the name after the comma
                k = next((k for k in range(i, len(self.toks)) if self.lower(k) == ","), None)
                m = self.starting(k + 1) if k is not None else None
                return [m] if m is not None else []
            m = self.left_subject(i)
            return [m] if m is not None else []
        return []

    def rule_owned_products(self) -> None:
        """Products named as someone's: "Google's Gemini models", "its Codex model", "son
        modèle Mixtral", "whose ChatGPT chatbot", "ChatGPT, le robot d'OpenAI", "Adobe XD,
        Adobe's own design software": the owner built them."""
        for p in self.mentions:
            if p.coref or not self.product_ok(p) or self._org_looking(p):
                continue
            owner = self._owner_before(p) or self._owner_in_apposition(p)
            launched = any(
                c.predicate == "launched" and c.object == self.doc.entities[p.entity].name
                for c in self.found
            )  # "released its Grok chatbot": the launch says it already
            if owner is None or not self.org_ok(owner) or owner.entity == p.entity or launched:
                continue
            unit = self._unit_word(p)
            if unit is not None:
                # "VMware's End-User Computing division", "AWS, Amazon's cloud unit"
                pred = "subsidiary_of" if unit in SUBSIDIARY_NOUNS else "part_of"
                self.add(p, pred, owner, p.start, "owned unit", 0.75, "Stated")
                continue
            for q in [p, *self._products_joined(p)]:
                self.add(
                    owner, "built", q, q.start, "owned product", 0.7, "Stated", date=(None, "point")
                )

    def _unit_word(self, p: Mention) -> str | None:
        """The noun that makes ``p`` a unit or a subsidiary rather than a product: right after
        it ("End-User Computing division") or ending its apposition ("AWS, Amazon's cloud
        computing unit")."""
        if self.lower(p.end) in OWNED_UNIT_NOUNS:
            return self.lower(p.end)
        if self.lower(p.end) != ",":
            return None
        for k in range(p.end + 1, min(len(self.toks), p.end + 9)):
            if self.lower(k) in (",", ";", ".", "(") or self.toks[k].pos == "VERB":
                return self.lower(k - 1) if self.lower(k - 1) in OWNED_UNIT_NOUNS else None
        return None

    def _owner_before(self, p: Mention) -> Mention | None:
        if self.lower(p.start - 1) == ",":
            return self._owner_of_noun_before(p.start - 1)  # "Its AI accelerators, Grayskull"
        j, nouns = p.start - 1, 0
        while j >= 0 and self.lower(j) in CATEGORY_NOUNS | PRODUCT_NOUNS | {"-"}:
            nouns += self.lower(j) not in ("own", "propre", "new", "nouveau", "nouvelle", "-")
            j -= 1
        while j >= 0 and nouns and self.toks[j].pos == "ADJ":
            j -= 1
        low = self.lower(j)
        if low in ("'s", "’s"):
            return self.ending(j - 1)
        if low in POSSESSIVES and (
            nouns
            or self.lower(p.end) in CATEGORY_NOUNS | OWNED_UNIT_NOUNS  # "its Cruise unit"
            or self._product_noun_after(p)  # "its Epyc server processors"
        ):
            for k in range(j - 1, max(0, j - 8), -1):
                if self.lower(k) in (",", ";"):
                    break
                if self.lower(k) in ("which", "who", "qui") and self.lower(k - 1) == ",":
                    return self.ending(k - 2)  # "xAI, which released its Grok 3 model"
            return self.possessive_owner(j)
        if low == "whose" and self.lower(j - 1) == ",":
            return self.ending(j - 2)
        return None

    def _owner_of_noun_before(self, comma: int) -> Mention | None:
        """The owner of a product noun phrase that ends at ``comma``: "Its first machine,",
        "Grab's own delivery service,", "sa suite de simulation,"."""
        j, nouns = comma - 1, 0
        while j >= 0 and comma - j <= 5 and self.at(j) is None:
            low = self.lower(j)
            if low in OWNED_UNIT_NOUNS:
                return None  # "sa division produits standards, Nexperia": a unit
            if low in CATEGORY_NOUNS | PRODUCT_NOUNS:
                nouns += 1
            elif low in POSSESSIVES or low in ("'s", "’s"):
                break
            elif not (self._modifier_word(j) or low in ("de", "d'")):
                return None
            j -= 1
        last = self.lower(comma - 1) in CATEGORY_NOUNS | PRODUCT_NOUNS
        if not nouns or not (last or self.lang == "fr"):  # "sa suite de simulation, X"
            return None
        if self.lower(j) in ("'s", "’s"):
            return self.ending(j - 1)
        return self.possessive_owner(j) if self.lower(j) in POSSESSIVES else None

    def _products_joined(self, p: Mention) -> list[Mention]:
        """Products listed after ``p`` and its product nouns: "its Epyc server processors and
        Ryzen PC chips", "Its AI accelerators, Grayskull, Wormhole and the newer Blackhole"."""
        if self.lower(p.start - 1) == ",":
            return [q for q in self.coordinated(p)[1:] if self.product_ok(q)]
        k = p.end
        while (
            k < min(len(self.toks), p.end + 3)
            and self.at(k) is None
            and self.lower(k) not in ("and", "et", "or", "ou")
            and (self.lower(k) in CATEGORY_NOUNS | PRODUCT_NOUNS or self._modifier_word(k))
        ):
            k += 1
        if k == p.end or self.lower(k) not in ("and", "et", "or", "ou"):
            return []
        q = self.starting(k + 1)
        if q is None or self.lower(q.end) in POSSESSIVES:
            return []  # "its MI300X accelerator and Intel its Gaudi 3 chip"
        return [q] if self.product_ok(q) and not self._org_looking(q) else []

    def _modifier_word(self, k: int) -> bool:
        """A word that can qualify a product noun: English lower-case words and short
        acronyms ("server", "PC"), French nouns and adjectives."""
        text = self.toks[k].text
        if self.lang == "fr":
            return self.toks[k].pos in ("NOUN", "ADJ")
        return text.isalpha() and (text.islower() or (text.isupper() and len(text) <= 4))

    def _product_noun_after(self, p: Mention) -> bool:
        """A product noun after ``p`` over up to two modifiers: "Epyc server processors",
        "R1S SUV", "EDV electric delivery vans", "Atlas, son humanoïde"."""
        for k in range(p.end, min(len(self.toks), p.end + 3)):
            low = self.lower(k)
            if low in CATEGORY_NOUNS | PRODUCT_NOUNS:
                return True
            if not self._modifier_word(k) or self.at(k) is not None or low in PREPOSITIONS:
                return False
        return False

    def _owner_in_apposition(self, p: Mention) -> Mention | None:
        k = p.end
        if self.lower(k) != ",":
            return None
        owner = self.starting(k + 1)
        if owner is not None and self.lower(owner.end) in ("'s", "’s"):
            return owner  # "Adobe XD, Adobe's own design software"
        j = k + 2
        while j < min(len(self.toks), k + 8) and (
            self.toks[j].pos == "ADJ"
            or self.lower(j) in RANK_WORDS
            # English has no tags: "its most capable artificial intelligence model", "its
            # in-house threat research unit"
            or (
                self.lang == "en"
                and (
                    self.toks[j].text == "-"
                    or (self.toks[j].text.isalpha() and self.toks[j].text.islower())
                )
                and self.lower(j) not in CATEGORY_NOUNS | OWNED_UNIT_NOUNS
            )
        ):
            j += 1
        nouns = CATEGORY_NOUNS | (OWNED_UNIT_NOUNS if self.lang == "en" else set())
        if self.lower(k + 1) in POSSESSIVES and self.lower(j) in nouns:
            return self.possessive_owner(k + 1, exclude=p)  # "Safari, son navigateur"
        if self.lower(k + 1) in COREF_DETS and self.lower(k + 2) in CATEGORY_NOUNS:
            j = k + 3
            while j < len(self.toks) and self.toks[j].pos == "ADJ":
                j += 1
            if self.lower(j) in ("de", "d'", "of"):
                # "ChatGPT, le robot d'OpenAI", "Mist AI, le logiciel d'IA de Juniper"
                return self.starting(j + 1) or self._of_after_noun(j + 1)
        return None

    def _clitic_y(self, t: int) -> bool:
        """French "y" before the verb ("y investit", "y a investi"): in the place named before."""
        j = t - 1
        while j >= 0 and self.toks[j].pos == "AUX":
            j -= 1
        return self.lang == "fr" and self.lower(j) == "y"

    def _pledged(self, t: int, mod: str | None) -> None:
        """ "SoftBank's Vision Fund committed $2.25 billion in 2018, Honda pledged $2.75
        billion": money promised to the company the text is raising for (or "to X")."""
        amount = self.amount_near(t)
        if amount is None or self.lower(t + 1) == "to" and not self.starting(t + 2):
            return  # "committed to invest" is the next verb's
        investor = self.left_subject(t)
        target = (
            next(
                (
                    self.right_mention(k + 1, 3)
                    for k in range(t + 1, min(len(self.toks), t + 8))
                    if self.lower(k) in ("to", "in", "into")
                ),
                None,
            )
            or self.doc.funding_target
            or self.doc.last_investee
        )
        if investor is None or target is None or investor.entity == target.entity:
            return
        if self.org_ok(investor) or self.person_ok(investor):
            self.add(investor, "invested_in", target, t, "pledge", 0.75, mod, amount)

    def _into_which(self, j: int) -> bool:
        """ "in which", "dans laquelle": a relative naming what money goes into."""
        return self.lower(j) in ("which", "whom", "laquelle", "lequel") and self.lower(j - 1) in (
            "in",
            "into",
            "dans",
        )

    def _relative_target(self, t: int) -> tuple[Mention, Mention] | None:
        """ "Anthropic, in which Amazon has invested": (Anthropic, Amazon)."""
        for j in range(max(1, t - 7), t):
            if self._into_which(j):
                k = j - 2
                if self.lower(k) == ",":
                    k -= 1
                target = self.ending(k)
                investor = self.starting(j + 1)
                if target and investor and self.org_ok(target) and self.org_ok(investor):
                    return target, investor
        return None

    def _stake_owner(self, t: int) -> Mention | None:
        for j in range(t - 1, -1, -1):
            m = self.ending(j)
            if m and self.org_ok(m):
                return m
        return None

    def rule_laid_off(self, t: int) -> None:
        tok = self.toks[t]
        if tok.lemma == "lay" and self.lower(t + 1) != "off":
            return
        if tok.lemma == "perdre" and not any(self.lower(j) in JOB_NOUNS for j in range(t, t + 4)):
            return
        count = None
        back = 12 if tok.lemma == "perdre" else 6  # "1 500 employés de la division X perdent"
        window = range(max(0, t - back), min(len(self.toks), t + 8))
        for j in window:
            if (
                self.lower(j + 1) in JOB_NOUNS
                or (self.lower(j + 1) in ("licenciements", "layoffs", "job", "suppressions"))
                or (
                    self.lower(j + 2) in JOB_NOUNS
                    and re.fullmatch(r"[a-zé\-]+", self.lower(j + 1))
                    and self.lower(j + 1) not in PREPOSITIONS | DETERMINERS | {"et", "and"}
                )
                or (
                    self.lang == "en"  # "4,000 customer support roles"
                    and self.lower(j + 3) in JOB_NOUNS
                    and all(
                        re.fullmatch(r"[a-z\-]+", self.lower(k))
                        and self.lower(k) not in PREPOSITIONS | DETERMINERS | {"and"}
                        for k in (j + 1, j + 2)
                    )
                )
            ):
                n = self._count_at(j)
                if n:
                    count = (n, j)
                    break
        if count is None:
            return
        subj = None
        if tok.lemma == "perdre":
            # "1 500 employés de la division Reality Labs perdent leurs postes"
            for j in range(count[1], t):
                if self.lower(j) in ("de", "d'", "of", "at", "chez"):
                    subj = self.right_mention(j + 1, 4, {"division", "unit"})
                    if subj:
                        break
        if subj is None and self.is_passive(t) and self.lower(0) in ("at", "chez", "à"):
            subj = self.starting(1)  # "At King, ..., about 200 jobs were cut"
        if subj is None:
            subj = self.left_subject(t)
        if subj is None or not self.org_ok(subj):
            return
        self.add(subj, "laid_off", count[0], t, "layoffs", 0.85, self.modality(t))

    def _count_at(self, j: int) -> str | None:
        """The count whose last token is ``j`` ("1 500", "12,000"); None unless a count."""
        pos = self.toks[j].end
        for a in self.amounts:
            if a.end == pos and not a.currency and (a.value is not None or a.upto):
                return a.text_value()  # "jusqu'à 2 800 emplois", "up to 2,800 jobs": the bound
        return None

    def _investment_before(self, lemma: str) -> Mention | None:
        """The company an earlier investment of this sentence went into, for a second
        "invest" that names none."""
        if lemma not in ("investir", "invest"):
            return None
        names = [
            c.object for c in self.found if c.predicate == "invested_in" and c.evidence == self.text
        ]
        return next(
            (m for m in self.mentions if names and self.doc.entities[m.entity].name == names[-1]),
            None,
        )

    def _spent_on_companies(self, t: int) -> bool:
        """ "invest $2 billion in Anthropic", "investi 125 millions dans une douzaine
        d'entreprises", "au capital d'Owkin", "$12.5 billion Google spent on Motorola": money
        put into companies, not spending."""
        for j in range(t + 1, min(len(self.toks), t + 12)):
            if self.lower(j) not in ("in", "into", "dans", "au", "on", "pour"):
                continue
            if self.right_mention(j + 1, 6, SPENT_ON_GAP):
                return True
            k = j + 1
            while k < j + 5 and (self.lower(k) in SPENT_ON_GAP or self.toks[k].pos == "NUM"):
                k += 1
            if self.lower(k) in COMPANY_NOUNS:
                return True
        return False

    def rule_spends(self, t: int) -> None:
        lemma = self.toks[t].lemma
        if self._relative_target(t) or self._clitic_y(t):
            return  # "y investit 15 millions": in the company named before
        if self._spent_on_companies(t) or any(self._into_which(j) for j in range(max(1, t - 7), t)):
            return  # an investment in a company (rule_invested_in) or a purchase price
        after = [
            a
            for a in self.amounts
            if a.start >= self.toks[t].start and a.start - self.toks[t].end < 40
        ]
        if lemma in ("capex", "expenditure"):
            # "capital expenditure for the fiscal year ... would be no more than $7.5 billion"
            after = [a for a in self.amounts if -60 < a.start - self.toks[t].start < 120]
        after = [a for a in after if a.currency or (a.value or a.high or 0) >= 10**6]
        if not after:
            return
        amount = after[0]
        if any(c.predicate == "invested_in" and c.value == amount.text_value() for c in self.found):
            return  # "invest up to $4 billion in Anthropic" already says it
        mod = self.modality(t)
        target = self._investment_before(lemma)
        if target is not None:
            # "A agreed to invest $4 billion in X, and B committed to invest up to $2 billion"
            subj = self.left_subject(t)
            if subj is not None and self.org_ok(subj) and subj.entity != target.entity:
                when = self.date_near_pos(amount.end)
                self.add(subj, "invested_in", target, t, "invest:again", 0.75, mod, amount, when)
            return
        if mod is not None and amount.upto and mod == "Stated":
            mod = "Envisaged"
        if self.lower(t - 1) in ("avoir",) or self.lower(t - 2) in ("après",):
            k = t
            while k < len(self.toks) and self.lower(k) != ",":
                k += 1
            subj = self.right_mention(k + 1, 6, {"pdg", "ceo", "patron", "de", "d'", "du"})
        else:
            subj = self.left_subject(t)
        subj = self.acting_for(subj) if subj is not None else None
        if subj is None or not self.org_ok(subj):
            return
        when = self.date_near_pos(amount.end)
        self.add(subj, "spends", amount.text_value(), t, "spend", 0.8, mod, amount, when)

    def rule_competes_with(self, t: int) -> None:
        lemma = self.toks[t].lemma
        if lemma in ("against", "course"):
            # "goes up against larger players such as A and B", "une course avec A, B et C"
            if lemma == "against":
                start = t + 1 if self.lower(t - 1) == "up" else None
            else:
                start = next((k + 1 for k in range(t + 1, t + 4) if self.lower(k) == "avec"), None)
            if start is None:
                return
            other = self._list_item(start) or self._listed_after_description(start)
            subj = self.left_subject(t if lemma == "against" else t - 1)
            if other is None or subj is None or not self.thing_ok(subj):
                return
            for o in self.coordinated(other):
                if self.thing_ok(o):
                    self.add(subj, "competes_with", o, t, "compete:against", 0.75, self.modality(t))
            return
        if lemma in ("rivalry", "rivalité"):
            # "Microsoft's rivalry with Google", "sa rivalité avec Google"
            j = t - 1
            while j >= 0 and (self.toks[j].pos == "ADJ" or self.lower(j) in ("growing", "long")):
                j -= 1
            owner = None
            if self.lower(j) in ("'s", "’s"):
                owner = self.ending(j - 1)
            elif self.lower(j) in POSSESSIVES:
                owner = self.possessive_owner(j)
            other = self.right_mention(t + 2, 3) if self.lower(t + 1) in ("with", "avec") else None
            if owner and other and self.thing_ok(owner) and self.thing_ok(other):
                self.add(owner, "competes_with", other, t, "rivalry", 0.75, self.modality(t))
            return
        extra = {"avec", "with", "up", "to"}
        if lemma == "catch" and self.lower(t + 1) != "up":
            return
        if lemma in ("race", "battle") and self.lower(t + 1) not in ("with", "against", "to"):
            return  # "British racing specialist Codemasters", "a battle for talent"
        start = self._rivals_start(t, lemma)
        self.binary(
            t, "competes_with", "compete", self.thing_ok, self.thing_ok, extra, object_from=start
        )

    def _rivals_start(self, t: int, lemma: str) -> int | None:
        """Where the rivals of a compete verb at ``t`` are named, over a description or a
        field: "affronte des acteurs comme A, B ou C", "competes with security vendors such as
        A", "competes in coherent optics with A and B"; None for right after the verb."""
        after = t + 2 if self.lower(t + 1) in ("with", "avec") else t + 1
        listed = self._described_list_ahead(after)
        if listed is not None:
            return listed
        if self.lower(t + 1) in ("in", "dans", "sur") and lemma in ("compete", "concurrencer"):
            k = next((k for k in range(t + 2, t + 7) if self.lower(k) in ("with", "avec")), None)
            if k is not None and self.at(k - 1) is None:
                return k + 1
        return None

    def rule_ownership(self) -> None:
        """Parents named by ownership: "Humain, la société détenue par le Public Investment
        Fund", "Arm, contrôlé par SoftBank", "Twitch is owned by Amazon", "Intel still owns a
        majority of Mobileye", "VMware, now a Broadcom unit"."""
        for t, tok in enumerate(self.toks):
            low = tok.lower
            if low in OWNED_PARTICIPLES:
                agents = self.passive_agent(t)
                parents = agents[0] if agents else []
                if self.lower(t - 1) == "," and self.ending(t - 2) is not None:
                    child = self.ending(t - 2)  # "Arm, contrôlé par SoftBank"
                else:
                    child = self._apposition_patient(t) or self.left_subject(t)
                for parent in parents if len(parents) <= 2 else parents[:1]:
                    self._add_parent(child, parent, t)  # a long list goes on past the owner
            elif low in ("owns", "own", "owned", "détient", "contrôle") and self.lower(
                t - 1
            ) not in (
                "its",
                "their",
                "son",
                "sa",
            ):
                k = t + 1
                if " ".join(self.lower(k + n) for n in range(3)) in MAJORITY_PHRASES:
                    k += 3  # "owns a majority of", "détient la majorité de"
                child = self.starting(k)
                if child is not None and self.lower(child.end) not in ("stake", "share"):
                    self._add_parent(child, self.left_subject(t), t)
            elif low in PARENT_NOUNS and self.lower(t - 1) in POSSESSIVES | {"'s", "’s"}:
                # "handing its owner, SoftBank Group, ...", "Google and its parent Alphabet"
                k = t + 1 + (self.lower(t + 1) == ",")
                parent = self.starting(k)
                if parent is None:
                    continue
                if self.lower(t - 1) in POSSESSIVES:
                    child = self.possessive_owner(t - 1, exclude=parent)
                else:
                    child = self.ending(t - 2)
                self._add_parent(child, parent, t)
            elif (
                low in OWNED_UNIT_NOUNS
                and (unit := self._unit_named_after(t)) is not None
                and self._possessive_before(t) is not None
            ):
                # "its cloud unit, Alibaba Cloud", "sa filiale, Scaleway", "sa filiale
                # israélienne Mobileye"
                owner = self.possessive_owner(self._possessive_before(t), exclude=unit)
                lead = next((m for m in self.mentions if m.lead), None)
                if self.lower(t + 1) != "," and (
                    lead is None or owner is None or lead.entity != owner.entity
                ):
                    continue  # "sa filiale israélienne Mobileye": only the sentence subject's
                pred = "subsidiary_of" if low in SUBSIDIARY_NOUNS else "part_of"
                if (
                    owner is not None
                    and self.org_ok(owner)
                    and self.org_ok(unit)
                    and owner.entity != unit.entity
                ):
                    self.add(unit, pred, owner, t, "owner unit", 0.8, self.modality(t))
            elif low in OWNED_UNIT_NOUNS and self.ending(t - 1) is not None:
                # "VMware, now a Broadcom unit": the name before the apposition
                parent = self.ending(t - 1)
                k = parent.start - 1
                while k > 0 and self.lower(k) in DETERMINERS | {"now", "désormais", "aujourd'hui"}:
                    k -= 1
                if self.lower(k) == "," and k < parent.start - 1:
                    child = self.ending(k - 1)
                    pred = "subsidiary_of" if low in SUBSIDIARY_NOUNS else "part_of"
                    if child is not None and self.org_ok(child) and self.org_ok(parent):
                        self.add(child, pred, parent, t, "owner unit", 0.8, self.modality(t))

    def _unit_named_after(self, t: int) -> Mention | None:
        """The name right after the unit noun at ``t``, over a comma or adjectives of origin
        ("sa filiale, Scaleway", "sa filiale israélienne Mobileye", "its unit Cruise")."""
        k = t + 1
        if self.lower(k) == ",":
            k += 1
        else:
            while (
                k < len(self.toks)
                and k < t + 3
                and (is_demonym(self.toks[k]) or self._adjective(k))
            ):
                k += 1
        m = self.starting(k)
        return m if m is not None and not m.coref else None

    def _unit_of(self, m: Mention) -> bool:
        """ "Intel's NAND memory business", "l'activité ... de X": ``m`` owns the thing named."""
        if self.lower(m.end) not in ("'s", "’s"):
            return False
        return any(
            self.lower(k) in OWNED_UNIT_NOUNS | {"activities", "operations", "assets"}
            for k in range(m.end + 1, min(len(self.toks), m.end + 6))
        )

    def _possessive_before(self, t: int) -> int | None:
        """The possessive before the noun at ``t``, over up to three lower-case words."""
        for k in range(t - 1, max(-1, t - 5), -1):
            if self.lower(k) in POSSESSIVES:
                return k
            if not (self.toks[k].text.isalpha() and self.toks[k].text.islower()):
                return None
        return None

    def _add_parent(self, child: Mention | None, parent: Mention | None, t: int) -> None:
        if child is None or parent is None or child.coref and parent.coref:
            return
        if self.org_ok(child) and self.org_ok(parent) and child.entity != parent.entity:
            self.add(child, "subsidiary_of", parent, t, "owned by", 0.8, self.modality(t))

    def rule_rival_nouns(self) -> None:
        """Rivals named as a company's: "son grand concurrent Accenture", "its rivals Nvidia
        and AMD", "Google's rivals such as Microsoft", "face à A, B et C, ses grands
        concurrents"."""
        for i, tok in enumerate(self.toks):
            if tok.lower not in RIVAL_NOUNS:
                continue
            j = i - 1
            while j >= 0 and (
                self._adjective(j)
                or self.lower(j) in RIVAL_ADJECTIVES | NUMBER_WORDS
                or (self.lang == "en" and self.lower(j).endswith(("-priced", "-funded", "-based")))
            ):
                j -= 1
            k = i + 1
            while self._adjective(k) or is_demonym(self.toks[k]) if k < len(self.toks) else False:
                k += 1  # "ses concurrents français Alten et Akka"
            listed = self.lower(k) in ("such", "like", "including", "comme", "tels", "telles")
            while self.lower(k) in ("such", "as", "like", "including", "comme", "tels", "que"):
                k += 1
            possessive = self.lower(j) in POSSESSIVES | {"'s", "’s"}
            if not possessive and not listed:
                continue
            if self.lower(j) in POSSESSIVES and self.lower(j - 1) in RIVAL_COPULAS:
                # "Juniper Networks remains its other main rival", "X est son grand rival"
                rival = self.left_subject(j - 1)
                owner = self.possessive_owner(j, exclude=rival) if rival is not None else None
                if (
                    owner
                    and self.thing_ok(owner)
                    and self.thing_ok(rival)
                    and owner.entity != rival.entity
                    and not rival.coref
                ):
                    self.add(owner, "competes_with", rival, i, "rival noun", 0.8, "Stated")
                continue
            if possessive and self.lower(k) == "," and self.starting(k + 1) is not None:
                k += 1  # "Son principal concurrent, Xilinx, ..."
            first = self._list_item(k) or self.starting(k)
            if first is not None:
                rivals = self.coordinated(first)
            elif possessive and self.lower(j - 1) == "," and self.ending(j - 2) is not None:
                rivals = self.coordinated_left(self.ending(j - 2))  # "A, B et C, ses concurrents"
            else:
                continue
            named = {r.entity for r in rivals}
            if not possessive:
                # "competition from rivals such as A and B", "face à des concurrents comme A":
                # the rivals of the clause's subject
                owner = self.left_subject(j + 1) or self.doc.salient_mention(named)
            elif self.lower(j) in POSSESSIVES:
                owner = self.possessive_owner(j, exclude=rivals[0])
                if owner is not None and owner.entity in named:
                    owner = self.doc.salient_mention(named)  # not one of its own rivals
            else:
                owner = self.ending(j - 1)
            if owner is None or not self.thing_ok(owner) or owner.entity in named:
                continue
            for rival in rivals:
                if self.thing_ok(rival) and not rival.coref:
                    self.add(owner, "competes_with", rival, i, "rival noun", 0.8, "Stated")

    def rule_sold(self) -> None:
        """A company sold to a buyer: "Lynch, who sold Autonomy to Hewlett-Packard", "Boston
        Dynamics ..., revendue à SoftBank en 2017", "a cédé sa filiale Innomotics au fonds KKR":
        the buyer acquired it."""
        for t, tok in enumerate(self.toks):
            if tok.lower not in SOLD_WORDS or self._shares_of(t) is not None:
                continue
            to = next(
                (k for k in range(t + 1, min(len(self.toks), t + 12)) if self.lower(k) in TO_BUYER),
                None,
            )
            if to is None:
                continue
            buyer = self.right_mention(to + 1, 4)
            sold = self.right_mention(t + 1, 6) if to > t + 1 else None
            if sold is not None and sold.start > to:
                sold = None
            if sold is None and to == t + 1:
                # "Boston Dynamics, revendue à SoftBank", "a start-up that Feldman sold to AMD"
                sold = (
                    self._apposition_patient(t)
                    or self._relative_object(t)
                    or self.left_subject(t)  # "was sold to", "puis revendue à"
                )
            if sold is None or buyer is None or sold.entity == buyer.entity or sold.coref:
                continue
            if self.lower(sold.end) in ("'s", "’s") or not self.org_ok(sold):
                continue  # "sold its stake", "Intel's NAND business"
            if self.org_ok(buyer) or self.person_ok(buyer):
                amount = self.amount_near(t)
                self.add(buyer, "acquired", sold, t, "sold to", 0.75, self.modality(t), amount)

    def _relative_object(self, t: int) -> Mention | None:
        """The head a relative clause's verb at ``t`` has as object: "SeaMicro, a server
        start-up that Feldman also co-founded and sold to AMD"."""
        for k in range(t - 1, max(-1, t - 10), -1):
            if self.lower(k) in ("that", "which", "que", "qu'"):
                j = k - 1
                while j > 0 and self.lower(j) != "," and k - j < 8:
                    j -= 1
                return self.ending(j - 1) if self.lower(j) == "," else self.ending(k - 1)
            if self.lower(k) in (",", ";", "."):
                return None
        return None

    def rule_stays_as(self) -> None:
        """A role kept or taken with no company named: "Nigel Toon stays on as chief
        executive", "Glen Weinstein will serve as interim CEO", "Max Taylor takes the helm as
        chief executive", "X restera directeur général": the company the text is about."""
        for t, tok in enumerate(self.toks):
            if tok.lower not in STAY_VERBS:
                continue
            j = t + 1
            while self.lower(j) in ("on", "the", "helm", "as", "comme", "en", "tant", "que"):
                j += 1
            possessive = j if self.lower(j) in POSSESSIVES else None
            while self.lower(j) in DETERMINERS | {"interim", "joint", "co", "-", "new", "sole"}:
                j += 1
            found = self._roles_at(j)
            if found is None or found[0] not in ("ceo_of", "leads"):
                continue
            role, end = found
            if self.lower(end) in ("of", "at", "de", "du", "d'", "chez") or self.starting(end):
                continue  # the company is named: the role rules read it
            person = self.left_subject(t)
            # "will stay on as its chief executive": the possessive's; else the text's company
            org = (
                self.possessive_owner(possessive, exclude=person)
                if possessive is not None
                else self.doc.topic_org(self, t)
            )
            if person is None or org is None:
                continue
            named = self.person_ok(person) and len(person.text.split()) in (2, 3)
            if self.kind(person) == PERSON or (named and not self._org_looking(person)):
                self.add(person, role, org, t, "role kept", 0.7, self.modality(t))

    def rule_agreements(self) -> None:
        """Agreements signed with a named partner: "Qualcomm a signé un protocole d'accord avec
        Humain", "Intel struck a multiyear agreement with AWS", "Microsoft and Nuance formed a
        partnership", "Anthropic also works with Zoom". An agreement to buy is a deal, not a
        partnership; talks and plans are not facts."""
        for t, tok in enumerate(self.toks):
            low = tok.lower
            if low in ("works", "work", "working", "worked", "travaille", "travaillent"):
                if self.lower(t + 1) not in ("with", "avec") or self.toks[t].pos == "NOUN":
                    continue
                start = t + 2
            elif low in AGREEMENT_NOUNS and self.lower(self._verb_before(t)) in AGREEMENT_VERBS:
                if self._deal_to_buy(t):
                    continue
                start = next(
                    (k + 1 for k in range(t + 1, t + 4) if self.lower(k) in ("with", "avec")),
                    None,
                )
                if start is None:
                    last = self.left_subject(self._verb_before(t))
                    subjects = self.coordinated_left(last) if last is not None else []
                    if len(subjects) == 2 and self.lower(subjects[0].end) in ("and", "et"):
                        self._partners(subjects[0], [subjects[1]], t)  # "A and B formed a
                    continue  # partnership"
            else:
                continue
            other = self.right_mention(start, 3)
            subj = self.left_subject(t if low not in AGREEMENT_NOUNS else self._verb_before(t))
            if other is not None and subj is not None:
                self._partners(subj, self._with_list(other), t)

    def _with_list(self, first: Mention) -> list[Mention]:
        """The partners after "with": "with LG Electronics and with Rapidus"."""
        out = [first] + [
            m
            for m in self.coordinated(first)[1:]
            if self.lower(m.start - 1) in (",", "and", "et", "&", "or", "ou")
        ]  # not "with Annapurna Labs, the chip designer Amazon bought"
        k = out[-1].end
        if self.lower(k) in ("and", "et") and self.lower(k + 1) in ("with", "avec"):
            nxt = self.right_mention(k + 2, 3)
            if nxt is not None:
                out.append(nxt)
        return out

    def _partners(self, subj: Mention, others: list[Mention], t: int) -> None:
        mod = self.modality(t)
        subj = self.acting_for(subj)  # "Elle a signé un accord avec Hyundai": her company
        for other in others:
            if self.org_ok(subj) and self.org_ok(other) and subj.entity != other.entity:
                self.add(subj, "partnered_with", other, t, "agreement", 0.75, mod)

    def _verb_before(self, t: int) -> int:
        """The verb before the noun at ``t`` over its determiner and modifiers ("signed a
        ten-year publishing agreement", "a signé un protocole d'accord")."""
        k = t - 1
        while k > 0 and t - k < 6 and self.lower(k) not in AGREEMENT_VERBS:
            if self.at(k) is not None or self.lower(k) in (",", ";", "."):
                return t
            k -= 1
        return k

    def _deal_to_buy(self, t: int) -> bool:
        """An agreement to acquire ("agreement to buy", "accord pour racheter", "accord de
        rachat"): a deal, not a partnership."""
        words = {self.lower(k) for k in range(t + 1, min(len(self.toks), t + 4))}
        lemmas = {self.toks[k].lemma for k in range(t + 1, min(len(self.toks), t + 4))}
        buying = TRIGGERS[self.lang]["acquired"]
        return bool((words | lemmas) & (buying | {"rachat", "rachats", "sale", "vente"}))

    def rule_partnered_with(self, t: int) -> None:
        mod = self.modality(t)
        for j in range(max(1, t - 7), t):
            # "OpenAI, with which Microsoft has partnered"
            if self.lower(j) in ("which", "whom", "laquelle", "lequel", "qui") and self.lower(
                j - 1
            ) in ("with", "avec"):
                k = j - 2 if self.lower(j - 2) != "," else j - 3
                if self.ending(k) is None:
                    # "OpenAI, the ChatGPT developer with which ...": over the apposition
                    c = k
                    while c > 0 and k - c < 6 and self.lower(c) != ",":
                        c -= 1
                    k = c - 1 if self.lower(c) == "," else k
                other, subj = self.ending(k), self.starting(j + 1)
                if other and subj and self.org_ok(other) and self.org_ok(subj):
                    self.add(subj, "partnered_with", other, t, "partner:relative", 0.75, mod)
                return
        pair = self._the_two(t)
        if pair:
            # "Les deux groupes développeront ensemble des puces", "the two companies will
            # jointly build": the two organisations last named
            self.add(pair[0], "partnered_with", pair[1], t, "partner:pair", 0.7, mod)
            return
        if self.toks[t].lower in ("ensemble", "together", "jointly"):
            return
        extra = {"avec", "with", "up", "à", "s'"}
        self.binary(t, "partnered_with", "partner", self.org_ok, self.org_ok, extra)

    def _the_two(self, t: int) -> tuple[Mention, Mention] | None:
        """ "les deux groupes" / "the two companies" as the subject before ``t``: the two
        organisations last named (this sentence first, then the previous ones)."""
        words = [self.lower(j) for j in range(max(0, t - 8), t)]
        if not any(
            a in ("deux", "two")
            and b
            in ORG_CUE
            | {
                "entreprises",
                "groupes",
                "sociétés",
                "companies",
                "firms",
                "groups",
                "partenaires",
                "partners",
                "chipmakers",
                "fabricants",
                "rivals",
                "rivaux",
                "sides",
                "camps",
                "parties",
            }
            for a, b in zip(words, words[1:])
        ):
            return None
        keys = {info.name: key for key, info in self.doc.entities.items()}
        for c in reversed(self.found):  # "ASML apporte 1,3 milliard ..., les deux groupes ..."
            deal = c.predicate in ("invested_in", "acquired")
            if deal and c.object in keys and c.subject in keys:
                return self.doc.stand_in(keys[c.subject]), self.doc.stand_in(keys[c.object])
        seen: list[Mention] = []
        pool = [m for m in reversed(self.mentions) if m.end <= t]
        pool += [m for _n, m in reversed(self.doc.history[-16:])]
        for m in pool:
            info = self.doc.entities.get(m.entity)
            if info is None or info.kind != ORG or m.coref:
                continue
            if all(x.entity != m.entity for x in seen):
                seen.append(m)
            if len(seen) == 2:
                return seen[1], seen[0]
        return None

    # --- roles: "le PDG de X, Y", "Y, X's chief executive", "CEO Y" ---------------------------

    def _roles_at(self, i: int) -> tuple[str, int] | None:
        for words, pred in ROLES_LONGEST_FIRST:
            if all(self.lower(i + k) == w for k, w in enumerate(words)):
                return pred, i + len(words)
        if self.lower(i) in ("ceos", "pdgs", "cfos", "ctos"):  # "co-CEOs"
            return ROLES[(self.lower(i)[:-1],)], i + 1
        if self.lower(i) == "chief":  # "chief scientist", "chief AI officer"
            for k in (1, 2, 3):
                if self.lower(i + k) in ("officer", "scientist", "economist", "architect"):
                    return "works_for", i + k + 1
        return None

    def _heads_a_function(self, end: int) -> bool:
        """ "head of software engineering", "président de la recherche": a role over a function
        named by a common noun, not over an organisation."""
        if self.lower(end) not in ("of", "de", "du", "des", "d'"):
            return False
        k = end + 1 + (self.lower(end + 1) in ("la", "l'", "le", "les"))
        owner = self.starting(k)
        if owner is not None and self.lower(owner.end) in ("'s", "’s"):
            k = owner.end + 1  # "the former head of Meta's AI research lab"
        t = self.toks[k] if k < len(self.toks) else None
        common = t is not None and (t.text.islower() or t.text in ("AI", "IA"))
        return common and t.text.isalpha() and not self.starting(k)

    def _adjective(self, i: int) -> bool:
        t = self.toks[i] if i < len(self.toks) else None
        return t is not None and t.pos == "ADJ" and t.text.islower() and not is_demonym(t)

    def _after_board(self, i: int) -> int:
        """The index after "du conseil d'administration" / "of the board" at ``i`` (else i)."""
        for words in BOARD_PHRASES:
            if all(self.lower(i + k) == w for k, w in enumerate(words)):
                return i + len(words)
        return i

    def rule_board(self) -> None:
        """ "qui préside le conseil d'administration d'Atos", "chairs Oracle's board", "préside
        son conseil de surveillance": the chair leads the company."""
        for t, tok in enumerate(self.toks):
            if tok.lemma != "présider" and tok.lower not in CHAIR_VERBS:
                continue
            k = t + 1
            while self.lower(k) in ("aujourd'hui", "toujours", "désormais", "now", "also"):
                k += 1
            owner, possessive = self.starting(k), None
            if owner is not None and self.lower(owner.end) in ("'s", "’s"):
                k = owner.end + 1  # "chairs Oracle's board"
            else:
                owner = None
                possessive = k if self.lower(k) in POSSESSIVES else None
                k += self.lower(k) in POSSESSIVES | {"le", "the"}
            if self.lower(k) not in ("conseil", "board"):
                continue
            end = k + 1
            if (self.lower(end), self.lower(end + 1)) in BOARD_KINDS:
                end += 2  # "d'administration", "de surveillance", "of directors"
            person = self.left_subject(t)
            if owner is None and self.lower(end) in ("de", "d'", "du", "of"):
                owner = self.right_mention(end + 1, 3)
            if owner is None and possessive is not None:
                owner = self.possessive_owner(possessive, exclude=person)
            if owner is not None and self.org_ok(owner) and self.person_ok(person):
                self.add(person, "leads", owner, t, "board", 0.8, self.modality(t))

    def _en_clitic(self, start: int) -> int | None:
        """French "qui en est (resté) le directeur général": the index of "en", whose
        antecedent is the organisation the sentence is about."""
        j = start - 1
        while j > 0 and (self.lower(j) in DETERMINERS or self.lower(j) in EN_CLITIC_COPULAS):
            j -= 1
        return j if self.lower(j) == "en" and j < start - 1 else None

    def rule_roles(self) -> None:
        i = 0
        known = self.doc.role_orgs  # person -> organisation of a role named with one
        while i < len(self.toks):
            found = self._roles_at(i)
            if not found:
                i += 1
                continue
            preds, start, end = [found[0]], i, found[1]
            while self.lang == "fr" and self.toks[end - 1].text.islower() and self._adjective(end):
                end += 1  # "directrice juridique de Qualcomm", "vice-présidente exécutive de"
            end = self._after_board(end)  # "président du conseil d'administration de X"
            first_end = end
            while self.lower(end) in ("et", "and", ",", "&"):
                more = self._roles_at(end + 1)
                if not more and self.lower(end + 1) in POSSESSIVES | {"le", "la", "the"}:
                    more = self._roles_at(end + 2)  # "co-founder of X and its chief executive"
                if not more:
                    break
                preds.append(more[0])
                end = more[1]
            if self.lower(end) in ("of", "de", "d'", "du"):
                # "co-founder of the data company and its chief executive"
                owner = self.right_mention(end + 1, 3)
                k = owner.end if owner is not None else -1
                if owner is not None and self.lower(k) in ("and", "et"):
                    k += 2 if self.lower(k + 1) in POSSESSIVES else 1
                    more = self._roles_at(k)
                    if more:
                        preds.append(more[0])
                        end = more[1]
            i = end
            if self.lower(start - 1) == "co":
                continue
            if self.lower(end) in DEPUTY or self.lower(start - 1) in DEPUTY:
                # "directeur général adjoint", "deputy chief executive": not the head
                preds = ["works_for" if p in ("ceo_of", "leads") else p for p in preds]
            if self._heads_a_function(end):
                # "Apple's head of software engineering": an employee heading a function
                preds = ["works_for" if p == "leads" else p for p in preds]
            # a former role is still a fact ("former OpenAI chief scientist X", "l'ancien
            # patron de Google X"); its date, when stated, says when
            org, person, conf = self._role_org(start, end), self._role_person(start, end), 0.85
            if org is None and first_end != end:
                org = self._role_org(start, first_end)  # "co-founder of X and its CEO"
            if org is None:
                if person is None:
                    continue
                # "P, Character.AI's general counsel, becomes interim chief executive"
                org = known.get(person.entity) or self._bare_role_org(start)
                # "son PDG" in a sentence whose subject is an organisation is more certain;
                # a bare chief executive is usually the one of the company the text is about
                if org is not None and org is self._possessed_subject(start):
                    conf = 0.75
                else:
                    conf = 0.7 if set(preds) == {"ceo_of"} or self._c_suite(start) else 0.6
            elif person is None:
                if "ceo_of" not in preds or self.lang != "fr":
                    continue
                person = self.doc.salient_person(self)
                conf = 0.65
            if org is None or person is None or not self.person_ok(person) or not self.org_ok(org):
                continue
            if self.hedged and "former" in self.text.lower():
                continue
            if conf == 0.85:
                known[person.entity] = org
            people = [person]
            if self.lower(end - 1).endswith("s") and self.lower(end - 1) in PLURAL_ROLES:
                people = [p for p in self.coordinated(person) if self.person_ok(p)]
            orgs = [org] + self._more_orgs(org) if org.start > end else [org]
            for pred in dict.fromkeys(preds):
                for p in people:
                    for o in orgs:
                        self.add(p, pred, o, start, "role", conf, "Stated", date=(None, "point"))

    def _more_orgs(self, org: Mention) -> list[Mention]:
        """ "chief executive of Tesla and SpaceX", "of ServiceNow and of Data Domain": the
        other organisations of the same role."""
        k = org.end
        if self.lower(k) in ("and", "et") and self.lower(k + 1) in ("of", "de", "d'"):
            more = self.starting(k + 2)  # "of ServiceNow and of Data Domain"
            return [more] if more is not None and self.org_ok(more) else []
        return [
            m
            for m in self.coordinated(org)[1:]
            if self.org_ok(m) and not m.coref and self.lower(m.end) not in ("'s", "’s")
        ]  # not "of AWS, Amazon's cloud unit"

    def _c_suite(self, start: int) -> bool:
        """ "the chief financial officer", "le directeur financier": an officer of the company
        the text is about, as surely as its chief executive."""
        first, second = self.lower(start), self.lower(start + 1)
        return first in ("chief", "cfo", "cto", "coo") or (
            first in ("directeur", "directrice")
            and second in ("financier", "financière", "technique", "général", "générale")
        )

    def _bare_role_org(self, start: int) -> Mention | None:
        """The organisation of a role named without one ("report to chief executive X"): with a
        possessive, the topic at this point; bare, the organisation this sentence or a recent
        one is about (its subject), not one named as an object."""
        if self.lower(start - 1) in POSSESSIVES:
            return self.possessive_owner(start)
        place = self.starting(1) if self.lower(0) in ("at", "chez", "inside", "within") else None
        if place is not None and self.lower(place.end) == "," and self.org_ok(place):
            return place  # "At Twitch, co-founder Emmett Shear stepped down as CEO"

        def fits(m: Mention, kinds: tuple) -> bool:
            info = self.doc.entities.get(m.entity)
            return info is not None and info.kind in kinds and not m.coref

        # a known organisation first; a name of unknown kind may be a product ("Copilot")
        for kinds in ((ORG,), (ORG, None)):
            for m in self.mentions:
                if m.start < start and m.lead and fits(m, kinds):
                    return m
            lead = self.doc.recent_lead(
                lambda m, kinds=kinds: fits(m, kinds) and m.entity not in self.doc.investors
            )
            if lead is not None:  # "Anthropic released ... Dario Amodei serves as CEO"
                return lead
        return self.doc.salient_mention() or self.doc.topic_org(self, start)

    def _described(self, k: int, j: int, ref: Mention) -> bool:
        """Whether the words from k to j describe ``ref`` as an organisation: a reference
        ("du groupe"), or an organisation after a determiner and lower-case words ("l'armateur
        marseillais CMA CGM"), not a person after a function ("de la communication, X")."""
        if ref.coref:
            return True
        words = [self.lower(x) for x in range(k, j)]
        if words[-1] in ORG_CUE and all(w.isalpha() or w == "-" for w in words):
            return self.kind(ref) in (ORG, None)  # "of data-labeling company Scale AI"
        return (
            self.kind(ref) in (ORG, None)
            and words[0] in DETERMINERS
            and len(words) <= 8  # "of the question-and-answer site Quora"
            and all((w.isalpha() or w == "-") and w not in ROLE_NOUNS for w in words[1:])
            and all(
                self.toks[x].text.islower() or self.toks[x].text == "-" for x in range(k + 1, j)
            )
        )

    def _of_after_noun(self, k: int) -> Mention | None:
        """ "filiale de cloud du groupe", "head of research at X": the name after one more
        common noun and preposition."""
        j = k
        while j < k + 9 and self.lower(j) not in CLAUSE_BREAKS | {","}:
            ref = self.starting(j)
            if ref is not None and j > k and self._described(k, j, ref):
                return ref  # "... du groupe", "de l'armateur marseillais CMA CGM"
            if ref is not None:
                return None
            if self.lower(j) in ("de", "d'", "du", "of", "at", "chez") and j > k:
                return self.right_mention(j + 1, 2)
            j += 1
        return None

    def _possessed_subject(self, start: int) -> Mention | None:
        subject = self.main_subject() if self.lower(start - 1) in POSSESSIVES else None
        return subject if subject is not None and self.org_ok(subject) else None

    def possessive_owner(self, at: int, exclude: Mention | None = None) -> Mention | None:
        """The organisation "son PDG" / "its chief executive" belongs to: the subject of the
        sentence's main clause when it is an organisation ("Dirigée par P, son directeur
        général, Scaleway ..."), else the organisation the text is about at this point."""
        if at == 0 or self.lower(at - 1) in ("«", '"', "“"):
            # "Its H100 processors have become ...": the organisation of the text so far
            lead = self.doc.recent_lead(
                lambda m: self.org_ok(m) and (exclude is None or m.entity != exclude.entity),
                back=2,
            )
            if lead is not None:
                return lead
        if self.lower(at - 1) in ("avec", "with") and self.lower(at - 2) == ",":
            near = self.ending(at - 3)  # "l'américain Runway, avec son modèle Gen-3 Alpha"
            if near is not None and self.org_ok(near) and not near.coref:
                return near
        subject = self.main_subject()
        if self.lang == "en" and subject is not None:
            # "Google agreed to license the technology of Character.AI and to bring back its
            # founders": the nearest organisation of the clause, outside appositions
            near = next(
                (
                    m
                    for m in reversed(self.mentions)
                    if subject.end <= m.start
                    and m.end <= at
                    and self.org_ok(m)
                    and not m.coref
                    and self.lower(m.start - 1) in ("of", "startup", "company", "firm")
                    and not any(self.lower(k) in (",", ";") for k in range(m.end, at))
                ),
                None,
            )
            if near is not None:
                return near
        if exclude is not None and subject is not None and subject.entity == exclude.entity:
            subject = None  # "Microsoft, son principal investisseur": not Microsoft's own
        if subject is not None and self.org_ok(subject) and subject.start != at:
            return subject
        if self.lang == "fr":
            # "Adrian Perica, responsable d'Apple, et Eddy Cue, son vice-président": the
            # organisation named last before the possessive in this sentence
            near = next(
                (
                    m
                    for m in reversed(self.mentions)
                    if m.end <= at
                    and self.kind(m) == ORG
                    and (exclude is None or m.entity != exclude.entity)
                ),
                None,
            )
            if near is not None:
                return near
        return self.doc.topic_org(self, at, exclude=exclude)

    def main_subject(self) -> Mention | None:
        """The name (or resolved reference) that is the subject of the main clause: in French
        the root's nsubj; in English the sentence's first name outside a prepositional phrase."""
        if self.lang == "fr":
            return self._parsed_subject
        return next((m for m in self.mentions if m.lead), None)

    @cached_property
    def _parsed_subject(self) -> Mention | None:
        """French: the root's nsubj, read once per sentence (the mentions are settled)."""
        roots = [t.i for t in self.toks if t.dep == "ROOT"]
        for t in self.toks:
            subject = t.head in roots and t.dep in ("nsubj", "nsubj:pass") and t.i != t.head
            if subject and self.at(t.i) is not None:
                return self.at(t.i)
        # the parse may miss it: a name right before a finite verb ("..., Scaleway revendique")
        return next(
            (
                m
                for m in self.mentions
                if m.end < len(self.toks)
                and self.toks[m.end].pos in ("VERB", "AUX")
                and self.lower(m.start - 1) not in PREPOSITIONS
                and self.kind(m) != PERSON
            ),
            None,
        )

    def _role_org(self, start: int, end: int) -> Mention | None:
        en = self._en_clitic(start)
        if en is not None and self.lower(end) not in ("de", "d'", "du", "des"):
            # the sentence's organisation subject, else the one the text is about
            person = self._role_person(start, end)
            subject = self.main_subject()
            if subject is not None and self.kind(subject) == ORG and subject.start > en:
                return subject
            return self.doc.salient_mention({person.entity} if person else set())
        rel = start - 1
        if self.lower(rel) in DETERMINERS - POSSESSIVES:
            rel -= 1
        if self.lower(rel) in ("est", "is", "était", "was", "reste", "remains"):
            person = self.ending(rel - 1)  # "Google DeepMind, dont Hassabis est le directeur"
            if person is not None and self.lower(person.start - 1) in ("dont", "whose"):
                rel = person.start - 1
        if self.lower(rel) in ("dont", "whose"):
            # "Qualcomm, dont le directeur général est X", "HPE, whose chief executive, X"
            k = rel - 1 if self.lower(rel - 1) == "," else rel
            m = self.ending(k - 1)
            if m and self.org_ok(m):
                return m
            return None
        if self.lower(end) in ("de", "d'", "du", "des", "of", "at", "chez"):
            m = self.right_mention(end + 1, 5)  # "chief executive of the Q&A site Quora"
            if m and self.org_ok(m):
                return m
            m = self._of_after_noun(end + 1)  # "responsable de la recherche de Valeo"
            if m and self.org_ok(m):
                return m
        if self.lower(end) == "de" and self.lower(end + 1) == "l'":
            return None
        k = start - 1
        while k > 0 and self.lower(k) in (
            "chairman",
            "and",
            "et",
            "président",
            "founder",
            ",",
            "co",
            "-",
            "cofondateur",
            "fondateur",
        ):
            k -= 1
        if self.lower(k) in ("'s", "’s"):
            m = self.ending(k - 1)  # "Synopsys's chief executive", "the startup's CEO"
            if m and self.org_ok(m):
                return m
        j = start - 1
        while j >= 0 and (
            self.toks[j].pos == "ADJ"
            or self.lower(j) in ("interim", "new", "nouveau", "nouvelle", "current", "actuel")
            or self.lower(j) in NUMBER_WORDS
        ):
            j -= 1
        m = self.ending(j)
        if m and self.org_ok(m) and self.lang == "en" and not m.coref and m.end == j + 1:
            return m  # "Intel CEO Pat Gelsinger"
        if self.lower(j) in POSSESSIVES or (self.lower(j) in ("'s",) and self.ending(j - 1)):
            if self.lower(j) in ("'s",):
                return self.ending(j - 1)
            # "Mensch, its chief executive": not the person in apposition
            person = self.ending(j - 2) if self.lower(j - 1) == "," else None
            return self.possessive_owner(start, exclude=person)
        if m and m.coref and self.lower(m.end) in ("'s",):
            return m
        return None

    def _role_person(self, start: int, end: int) -> Mention | None:
        en = self._en_clitic(start)
        if en is not None:
            # "Eyal Waldman, qui en est resté le directeur général", "il en est le PDG"
            k = en - 1
            if self.lower(k) == "qui":
                k -= 2 if self.lower(k - 1) == "," else 1
                m = self.ending(k)
                return m if self.person_ok(m) else None
            return self.left_subject(en)
        # right: "chief executive Satya Nadella", "le PDG de Microsoft, Satya Nadella"
        k = end
        if self.lower(k) in ("de", "d'", "du", "of", "at"):
            m = self.right_mention(k + 1, 3)
            k = m.end if m else k
        enclosed = self.lower(k) == "," and self._opens_apposition(start)
        if self.lower(k) == ",":
            k += 1
        if self.lower(k) in ("est", "is", "was", "était", "sera", "reste", "remains"):
            k += 1  # "dont le directeur général est X"
        m = self.starting(k)
        if (
            m
            and self.person_ok(m)
            and not self._org_looking(m)
            and not enclosed
            and self.lower(m.end) not in ("'s", "’s")  # "of AWS, Amazon's cloud unit"
            and (
                self.lang == "fr"
                or k == end
                or self.kind(m) == PERSON
                # "Maxim's chief executive, Tunç Doluca, will ...": a name set off by commas
                or (self.lower(m.end) == "," and 2 <= len(m.text.split()) <= 3)
            )
        ):
            return m  # not "A, now its chief technology officer, B and C": A's role
        # left apposition: "Satya Nadella, le PDG de Microsoft"
        j = start - 1
        while j >= 0 and (
            self.lower(j) in DETERMINERS
            or self.toks[j].pos == "ADJ"
            or self.lower(j)
            in (
                "'s",
                "interim",
                "new",
                "nouveau",
                "senior",
                "executive",
                "deputy",
                "co",
                "-",
                "chairman",
                "et",
                "and",
                "également",
                "also",
                "current",
                "président",
                "jusqu'",
                "ici",
                "former",
                "ancien",
                "ancienne",
                "alors",
                "then",
                "previously",
                "formerly",
                "himself",
                "herself",
                "auparavant",
                "as",
                "en",
                "tant",
                "que",
                "comme",
            )
            or (self.ending(j) and self.lower(j + 1) == "'s")
            or (self.lang == "en" and self.ending(j) and j == start - 1)
        ):
            if self.ending(j) and (self.lower(j + 1) == "'s" or j == start - 1):
                j = self.ending(j).start  # "X's", "a former Google DeepMind researcher"
            j -= 1
        if self.lower(j) == ",":
            m = self.ending(j - 1)
            if m and self.person_ok(m) and self.lower(m.start - 1) not in EMPLOYER_WORDS:
                return m  # not "..., a former executive at Uber, as CFO"
        # copula: "Dario Amodei serves as CEO", "X redevient directeur général"
        if self.lower(j) in (
            "is",
            "est",
            "serves",
            "served",
            "serving",
            "remains",
            "reste",
            "resté",
            "restée",
            "devient",
            "redevient",
            "devenu",
            "devenue",
            "becomes",
            "became",
            "become",
            "named",
            "nommé",
            "nommée",
            "appointed",
            "returning",
            "returns",
            "return",
            "rejoin",
            "rejoins",
            "resigned",
            "resigns",
            "retired",
            "retires",
            "quit",
            "quits",
            "down",  # "stepped down as chief executive": a former role, still a fact
            "was",
            "be",
            "been",
            "sera",
            "will",
        ):
            k = j
            while k > 0 and self.lower(k - 1) in COPULAS:
                k -= 1
            subj = self.left_subject(k)
            if subj and self.person_ok(subj):
                return subj
        # "Intel has appointed Lip-Bu Tan as its new chief executive"
        for k in range(start - 1, max(-1, start - 6), -1):
            if self.lower(k) == "au" and self.lower(k + 1) == "poste":
                k += 0  # "a nommé X au poste de directeur général"
            elif self.lower(k) not in ("as", "comme"):
                continue
            if self.ending(k - 1):
                m = self.ending(k - 1)
                if self.person_ok(m) and self.lower(m.start - 1) not in EMPLOYER_WORDS:
                    return m  # not "a former finance executive at Uber, as CFO"
            if self.lower(k - 1) == ",":
                return self._appointed_before(k - 1)
        return None

    def _appointed_before(self, k: int) -> Mention | None:
        """ "Intel named Lip-Bu Tan, a former member of its board, ..., as its new CEO": the
        person right after the appointing verb, over the apposition that ends at ``k``."""
        for j in range(k - 1, max(0, k - 30), -1):
            m = self.ending(j)
            if (
                self.lower(j + 1) == ","
                and m is not None
                and self.lower(m.start - 1) in APPOINT_VERBS
                and self.person_ok(m)
            ):
                return m
        return None

    def _opens_apposition(self, start: int) -> bool:
        """True when the role starting at ``start`` follows "Name, (now|its|the|son|...)"."""
        j = start - 1
        while j >= 0 and (
            self.lower(j) in DETERMINERS | {"now", "désormais", "aujourd'hui", "also", "aussi"}
            or self.toks[j].pos == "ADJ"
        ):
            j -= 1
        return j > 0 and self.lower(j) == "," and self.ending(j - 1) is not None

    def _org_looking(self, m: Mention) -> bool:
        words = m.text.lower().split()
        return m.kind == ORG or (words and words[-1] in ORG_SUFFIX)

    def rule_org_roles(self) -> None:
        """ "X, l'éditeur de Y", "OpenAI, the maker of ChatGPT", "la maison mère de Google"."""
        for i in range(len(self.toks)):
            for words, (pred, inverse) in ORG_ROLES.items():
                if not all(self.lower(i + k) == w for k, w in enumerate(words)):
                    continue
                end = i + len(words)
                while end < len(self.toks) and self.toks[end].pos == "ADJ":
                    end += 1  # "la principale rivale européenne d'OpenAI"
                target = None
                described = (
                    pred == "built"
                    and end + 1 < len(self.toks)
                    and (self.toks[end + 1].pos == "NOUN")
                )  # "l'éditeur de logiciels Dassault Systèmes" describes a name
                if self.lower(end) in ("de", "d'", "du", "of", "to", "des") and not described:
                    target = self.right_mention(end + 1, 3)
                    if target is None and pred == "subsidiary_of":
                        target = self._of_after_noun(end + 1)
                elif pred in ("subsidiary_of",) or words[-1] == "behind":
                    # "the startup behind the fast-growing AI coding assistant Cursor"
                    target = self.right_mention(end, 7 if words[-1] == "behind" else 3)
                holder = None
                j = i - 1
                while j >= 0 and (
                    self.lower(j) in DETERMINERS
                    or self.toks[j].pos == "ADJ"
                    or self.lower(j)
                    in ("biggest", "largest", "main", "principal", "cloud", "security", "ai", "ia")
                    or (
                        self.lang == "en"
                        and self.lower(j) in ("most", "vocal", "direct", "closest")
                    )
                    or self._hyphen_modifier(j)  # "the Seattle-area studio behind"
                ):
                    j -= 1
                if self.lower(j) in ("'s",) and self.ending(j - 1):
                    owner = self.ending(j - 1)  # "OpenAI's biggest backer"
                    k = j - 1
                    k = owner.start - 1
                    if self.lower(k) == ",":
                        holder = self.ending(k - 1)
                    target = owner
                elif self.lower(j) == ",":
                    holder = self.ending(j - 1)
                elif self.lower(j) in ("comme", "as"):
                    holder = self.left_subject(j)  # "s'est imposée comme la rivale de Y"
                elif self.lower(j) in (
                    "is",
                    "est",
                    "becomes",
                    "devient",
                    "became",
                    "devenue",
                    "become",
                ):
                    # "X is a subsidiary of Y", "X est la filiale de", "has become a rival to Y"
                    holder = self.ending(j - 1) or self.left_subject(j)
                elif (
                    self.lower(j) in ("now", "désormais", "also", "aussi")
                    and self.lower(j - 1) in ("is", "est", "becomes", "devient")
                ) or (
                    self.lower(j - 1) in ("now", "désormais", "also", "aussi")
                    and self.lower(j) in ("is", "est", "becomes", "devient")
                ):
                    holder = self.ending(j - 2)
                elif pred == "subsidiary_of" and self.ending(j) and words == ("parent",):
                    # "Google parent Alphabet"
                    child = self.ending(j)
                    parent = self.right_mention(end, 2)
                    if child and parent:
                        self.add(child, pred, parent, i, "parent", 0.8)
                    continue
                elif (
                    pred == "built"
                    and self.ending(j)
                    and self.lang == "en"
                    and self.starting(end) is not None
                ):
                    # "ChatGPT maker OpenAI": the maker named right after its product
                    product, maker = self.ending(j), self.starting(end)
                    if self.product_ok(product) and self.org_ok(maker):
                        self.add(maker, "built", product, i, "maker", 0.8)
                    continue
                ref = self.at(i)
                if holder is None and ref is not None and ref.coref and target is not None:
                    holder = ref  # "l'éditeur de Le Chat" already points at its organisation
                if holder is None and pred == "built":
                    if target is None and self.lower(i - 1) not in DETERMINERS:
                        named = self.ending(i - 1)  # "the ChatGPT maker"
                        if named and self.lower(named.start - 1) in ("the", "le", "l'"):
                            target, j = named, named.start - 1
                    definite = ("the", "le", "l'", "du", "au")
                    first = min(i, target.start) if target is not None else i
                    if target is not None and self.lower(first - 1) in definite:
                        head = self.ending(first - 3) if self.lower(first - 2) == "," else None
                        if head is not None and not head.coref:
                            holder = head  # "King, the Candy Crush developer"
                    if (
                        holder is None
                        and target is not None
                        and (self.lower(j) in definite or self.lower(i - 1) in definite)
                    ):
                        holder = self._definite_antecedent(min(i, target.start), target)
                k = i - 1
                while k >= 0 and self.lower(k) in RANK_WORDS:
                    k -= 1
                possessed = self.lower(k) in POSSESSIVES and self.lower(k - 1) == ","
                if possessed and pred in ("competes_with", "invested_in") and target is None:
                    # "Cadence Design Systems, its chief rival", "Microsoft, son principal
                    # investisseur": the possessive names the other side
                    holder = self.ending(k - 2)
                    target = self.possessive_owner(k, exclude=holder)
                elif pred == "competes_with" and (holder is None or target is None):
                    continue  # "a direct rival to Adobe XD" needs both sides
                if holder is None or target is None:
                    continue
                listed = pred in ("built", "competes_with") and not inverse
                targets = self.coordinated(target) if listed else [target]
                for target in targets:  # "the maker of Photoshop and Illustrator"
                    s, o = (target, holder) if inverse else (holder, target)
                    if pred == "built" and not self.product_ok(target):
                        continue
                    if not (self.org_ok(s) or pred == "competes_with"):
                        continue
                    self.add(s, pred, o, i, "org-role", 0.8)

    def _definite_antecedent(self, before: int, exclude: Mention) -> Mention | None:
        """ "the developer of X", "le créateur de X": the organisation last named before."""

        def fits(m: Mention) -> bool:
            info = self.doc.entities.get(m.entity)
            return (
                info is not None
                and info.kind in (ORG, None)
                and not m.coref
                and m.entity != exclude.entity
                and self._maker_ok(m, exclude)
            )

        earlier = [m for m in reversed(self.mentions) if m.end <= before and fits(m)]
        if earlier and earlier[-1].lead and self.lower(earlier[-1].start - 1) not in PREPOSITIONS:
            return earlier[-1]  # the sentence's subject ("Anthropic has raised ..., valuing")
        recent = [m for _n, m in reversed(self.doc.history[-12:]) if fits(m)]
        pool = earlier + recent
        if not pool:
            return None
        # the most salient organisation: named often and as a subject, the nearest on a tie
        leads: dict[str, int] = {}
        for _n, m in self.doc.history:
            if m.lead:
                leads[m.entity] = leads.get(m.entity, 0) + 1

        def salience(m: Mention) -> int:
            investor = 3 if m.entity in self.doc.investors else 0
            return self.doc.entities[m.entity].count + 2 * leads.get(m.entity, 0) - investor

        best = max(salience(m) for m in pool)
        return next(m for m in pool if salience(m) == best)

    def rule_divisions(self) -> None:
        """ "la division Reality Labs" (of the article's company), "X, the cloud unit"."""
        for i, tok in enumerate(self.toks):
            if tok.lower not in DIVISION_NOUNS:
                continue
            unit = None
            j = i + 1
            while (
                j < len(self.toks)
                and j < i + 5
                and (
                    self.toks[j].pos == "ADJ"
                    or self.lower(j)
                    in (
                        "de",
                        "recherche",
                        "called",
                        "named",
                        "baptisée",
                        "baptisé",
                        "nommée",
                        "appelée",
                    )
                )
            ):
                j += 1
            unit = self.starting(j)
            owner = None
            if unit is not None and self.lower(j - 1) in ("de", "d'", "du", "of"):
                owner, unit = unit, None  # "X, la nouvelle division de Meta": Meta owns it
            if unit is not None:
                if self.lower(unit.end) in ("de", "d'", "du", "of"):
                    owner = self.right_mention(unit.end + 1, 2)
            else:
                k = i - 1
                while k >= 0 and (
                    self.lower(k) in DETERMINERS
                    or self.toks[k].pos == "ADJ"
                    or re.fullmatch(r"[a-z]+", self.toks[k].text)
                    or (self.lower(k) in ("'s", "’s") and self.ending(k - 1))
                ):
                    if self.lower(k) in ("'s", "’s"):
                        owner = self.ending(k - 1)  # "X, the search group's AI lab"
                        k = owner.start
                    k -= 1
                if (
                    self.lower(k) == ","
                    and self.ending(k - 1)
                    and (
                        self.lower(i + 1) in (",", ".", "that", "which", "qui", "chargée")
                        or owner is not None
                    )
                    and self.lower(k + 1) in DETERMINERS | COREF_DETS
                ):
                    unit = self.ending(k - 1)
            if unit is None or unit.coref or self.kind(unit) == PERSON:
                continue
            if any(
                self.lower(k)
                in (
                    "spun",
                    "spin",
                    "spins",
                    "sold",
                    "sells",
                    "selling",
                    "cède",
                    "cédé",
                    "vend",
                    "vendu",
                    "divest",
                    "scission",
                )
                for k in range(max(0, i - 5), i)
            ):
                continue
            conf = 0.8 if owner else 0.65
            if owner is None:
                if tok.lower in ("laboratoire", "lab"):
                    continue  # "le laboratoire pharmaceutique Sanofi": often a company itself
                # "Microsoft hired P to lead a new unit called Microsoft AI": the clause's
                # organisation, else the text's ("la division Reality Labs")
                subject = self.main_subject()
                owner = (
                    subject
                    if subject is not None
                    and subject.entity != unit.entity
                    and self.kind(subject) == ORG
                    else self.doc.salient_mention(exclude={unit.entity})
                )
            if owner and self.org_ok(owner):
                self.add(unit, "part_of", owner, i, "division", conf)

    def rule_tete(self) -> None:
        """ "être à la tête de X", "become part of Y", "face à", "au capital de"."""
        for i in range(len(self.toks) - 3):
            w = [self.lower(i + k) for k in range(4)]
            if w[:3] == ["à", "la", "tête"] and w[3] in ("de", "du", "d'"):
                subj = self.left_subject(i)
                if self.lower(i - 1) == "," and self.ending(i - 2) is not None:
                    subj = self.ending(i - 2)  # "X, à la tête de Y": X is the apposition's head
                obj = self.right_mention(i + 4, 3)
                if obj is None and w[3] == "du":
                    obj = self.right_mention(i + 3, 3)
                if subj and obj and self.person_ok(subj) and self.org_ok(obj):
                    # the head of a company is its chief executive; of a division, its leader
                    pred = "leads" if self._unit_like(obj, i + 4) else "ceo_of"
                    self.add(subj, pred, obj, i, "à la tête de", 0.85, self.modality(i))
            if w[:2] == ["part", "of"] and self.lower(i - 1) in ("become", "becomes", "is", "be"):
                subj = self.left_subject(i - 1)
                obj = self.right_mention(i + 2, 3)
                if subj and obj and self.org_ok(subj):
                    self.add(subj, "part_of", obj, i, "part of", 0.8, self.modality(i - 1))
            if self.toks[i].lemma == "prendre" and self.lang == "fr":
                self._takes_the_helm(i)
            if w[:2] == ["face", "à"] and self.lang == "fr":
                subj = self.left_subject(i)
                obj = self.right_mention(i + 2, 2)
                if subj and obj and self.thing_ok(subj) and self.thing_ok(obj):
                    for o in self.coordinated(obj):
                        self.add(subj, "competes_with", o, i, "face à", 0.6)

    def _unit_like(self, m: Mention, start: int) -> bool:
        """Whether ``m`` (named from ``start`` on) is a unit of a company rather than a
        company: a unit noun before it ("de la division semi-conducteurs DS"), or a name made
        of an organisation's name and more ("HPE Networking", "Google Cloud")."""
        if any(self.lower(k) in OWNED_UNIT_NOUNS for k in range(start, m.start)):
            return True
        words = self.doc.entities[m.entity].name.split()
        return len(words) > 1 and any(
            self.doc.gazetteer.get(search_key(" ".join(words[:n])))
            or ("new:" + search_key(" ".join(words[:n]))) in self.doc.entities
            for n in range(1, len(words))
        )

    def _takes_the_helm(self, i: int) -> None:
        """ "P prend la direction générale (par intérim) de X" (ceo_of), "prend la tête / la
        présidence de X" (leads)."""
        w = [self.lower(i + k) for k in range(1, 4)]
        if w[:2] == ["la", "direction"] and w[2] in ("générale", "generale"):
            pred, k = "ceo_of", i + 4
        elif w[:2] in (["la", "tête"], ["la", "présidence"], ["les", "rênes"]):
            pred, k = "leads", i + 3
        else:
            return
        while k < len(self.toks) and self.lower(k) in (
            "par",
            "intérim",
            "à",
            "titre",
            "provisoire",
        ):
            k += 1
        if self.lower(k) not in ("de", "d'", "du"):
            return
        org = self.right_mention(k + 1, 3) or (self.at(k) if self.lower(k) == "du" else None)
        person = self.left_subject(i)
        if self.lower(k) == "de" and self.at(k + 1) is None and self.lower(k + 1) == "l'":
            org = self.at(k + 1) or org
        if person and org and self.person_ok(person) and self.org_ok(org):
            self.add(person, pred, org, i, "prend la direction", 0.8, self.modality(i))

    def rule_direction(self) -> None:
        """ "une équipe sous la direction de P" / "a team under the leadership of P": P works for
        the organisation the text is about; "X, sous la direction de P": P leads X."""
        for i in range(len(self.toks) - 3):
            w = [self.lower(i + k) for k in range(5)]
            french = w[:3] == ["sous", "la", "direction"] and w[3] in ("de", "d'", "du")
            if not (french or w[:4] == ["under", "the", "leadership", "of"]):
                continue
            end = i + 4
            person = self.starting(end)
            if person is None or not self.person_ok(person) or self._org_looking(person):
                continue
            k = i - 1
            if self.lower(k) == ",":
                k -= 1
            named = self.ending(k)
            if named is not None and not named.coref and self.org_ok(named):
                self.add(person, "leads", named, i, "direction", 0.75, self.modality(i))
                continue
            if self.lower(k) in UNIT_NOUNS:
                owner = self.doc.topic_org(self, i)
                if owner is not None and self.org_ok(owner):
                    self.add(person, "works_for", owner, i, "direction:unit", 0.65, "Stated")

    def rule_multiword(self) -> None:
        """ "met la main sur X", "prend le contrôle de X"."""
        for i in range(len(self.toks) - 3):
            if (
                self.toks[i].lemma == "mettre"
                and self.lower(i + 1) == "la"
                and self.lower(i + 2) == "main"
                and self.lower(i + 3) == "sur"
            ):
                self.binary(
                    i,
                    "acquired",
                    "mettre la main sur",
                    self.org_ok,
                    self.thing_ok,
                    value=True,
                    object_from=i + 4,
                )
            if self.toks[i].lemma == "prendre" and self.lower(i + 2) == "contrôle":
                self.binary(
                    i,
                    "acquired",
                    "prendre le contrôle",
                    self.org_ok,
                    self.thing_ok,
                    value=True,
                    object_from=i + 3,
                )


class ArticleState:
    """What the rules remember across sentences: entities, topics, the last funding round."""

    def __init__(self, lang: str, date: str | None, gazetteer: Gazetteer):
        self.lang = lang
        self.date = date
        self.gazetteer = gazetteer
        self.entities: dict[str, EntityInfo] = {}
        self.history: list[tuple[int, Mention]] = []  # (sentence number, mention)
        self.sentence = 0
        self.funding_target: Mention | None = None
        self.last_investee: Mention | None = None  # the company of the last investment seen
        self.capitalised: set[str] = set()  # words capitalised inside sentences
        self.lowercase: set[str] = set()  # words written in lower case somewhere
        self.letter_counts: dict[str, int] = {}  # one-letter capitals of the article
        self.investors: set[str] = set()  # entities seen investing: not "the startup" raising
        self.acquirers: set[str] = set()  # entities seen buying: not "the startup" bought
        self.aliases: dict[str, str] = {}  # names the article gives an entity ("known as SSI")
        # person -> the organisation of a role the article named with it ("Huang, Nvidia's
        # chief executive"): a later bare "chief executive Jensen Huang" is of the same one
        self.role_orgs: dict[str, Mention] = {}

    def named(self, text: str, like: Mention, kind: str | None) -> Mention:
        m = Mention(like.start, like.end, text, kind)
        self.register(m)
        return m

    def register(self, m: Mention) -> None:
        entry = self.gazetteer.get(m.key) if not m.iri else None
        if entry:
            m.iri, m.kind = entry.iri, entry.kind
        exact = "new:" + m.key
        key = (
            self.aliases.get(m.key)
            or m.iri
            or (exact if exact in self.entities else None)
            or self._partial(m)
            or self._fuller(m)
            or exact
        )
        info = self.entities.get(key)
        if info is None:
            name = entry.label if entry else m.text
            info = self.entities[key] = EntityInfo(key, name, m.kind, m.iri)
        elif info.kind is None and m.kind:
            info.kind = m.kind
        info.count += 1
        info.surfaces.add(m.text)
        m.entity = key

    def _fuller(self, m: Mention) -> str | None:
        """ "Samsung Electronics" after "Samsung": the same company, now named in full (the
        fuller name becomes the entity's name unless the graph gives one)."""
        words = m.key.split()
        if len(words) < 2 or not set(words[1:]) <= PARTIAL_OK or m.kind == PERSON:
            return None
        info = self.entities.get("new:" + words[0])
        if info is None or info.kind not in (ORG, None):
            return None
        info.former_names.add(info.name)
        info.name = m.text
        return info.key

    def _partial(self, m: Mention) -> str | None:
        """ "Wang" after "Alexandr Wang", "Scale" after "Scale AI": the same entity."""
        words = m.key.split()
        if len(words) >= 2 and m.kind != ORG and words[-1] not in ORG_SUFFIX:
            # "Wolfe Herd" after "Whitney Wolfe Herd": a person's last names
            for info in reversed(list(self.entities.values())):
                parts = search_key(info.name).split()
                if (
                    len(parts) > len(words)
                    and parts[-len(words) :] == words
                    and info.kind == PERSON
                ):
                    return info.key
        if len(words) == 2 and words[0] in ("de", "van", "von", "da", "di", "del", "le"):
            # "De Freitas" after "Daniel De Freitas", "De Geus" after "Aart de Geus"
            for info in reversed(list(self.entities.values())):
                parts = search_key(info.name).split()
                if len(parts) > 2 and parts[-2:] == words and info.kind in (PERSON, None):
                    return info.key
            return None
        if len(words) != 1:
            return None
        for info in reversed(list(self.entities.values())):
            parts = search_key(info.name).split()
            if (
                len(parts) > 1
                and (
                    (
                        parts[-1] == words[0]
                        and info.kind in (PERSON, None)
                        # not "DeepMind" after "Google DeepMind": a compound of a known name
                        and not (info.kind is None and self.gazetteer.get(parts[0]))
                    )
                    or (
                        parts[0] == words[0]
                        and info.kind in (ORG, None)
                        and set(parts[1:]) <= PARTIAL_OK
                    )
                )
            ):
                return info.key
        return self._alias(m, words[0])

    def _alias(self, m: Mention, word: str) -> str | None:
        """Within-article aliases of an organisation named in full earlier: its acronym ("HPE"
        after "Hewlett Packard Enterprise") or its first word ("Juniper" after "Juniper
        Networks"), when the short form is not a name the graph knows and only one organisation
        of the article fits."""
        if m.iri or m.kind == PERSON or word in NOT_NAMES or len(word) < 2:
            return None
        acronym = m.text.isupper() and m.text.isalpha() and 2 <= len(m.text) <= 5
        found, initials = [], []
        for info in self.entities.values():
            if info.kind not in (ORG, None) or (info.kind is None and not acronym):
                continue
            parts = [p for p in search_key(info.name).split() if p not in ("&", "-")]
            capitals = re.match(r"[A-Z]+", info.name)
            if acronym and len(parts) == 1 and capitals and len(capitals.group()) > len(word):
                if capitals.group().lower().startswith(word) and len(info.name) > 6:
                    initials.append(info.key)  # "ST" after "STMicroelectronics"
                continue
            if len(parts) < 2:
                continue
            letters = "".join(p[0] for p in parts)
            if acronym and (word == letters or (word[:-1] == letters and word[-1] in "ic")):
                initials.append(info.key)  # "HPE"; "ADI" for Analog Devices Inc.
            elif (
                parts[0] == word  # "Juniper", "ARM" after "Arm Holdings"
                and len(word) > 2
                and (info.kind == ORG or parts[-1] in ORG_SUFFIX)
                and not set(parts[1:]) & UNIT_NAME_WORDS  # "Amazon" is not "Amazon Web Services"
            ):
                found.append(info.key)
        found = initials or found
        return found[0] if len(set(found)) == 1 else None

    def type_hint(self, info: EntityInfo, pred: str, role: str) -> None:
        if info.kind is not None:
            return
        hints = {
            ("founded", "subject"): PERSON,
            ("ceo_of", "subject"): PERSON,
            ("leads", "subject"): PERSON,
            ("works_for", "subject"): PERSON,
            ("built", "object"): PRODUCT,
            ("launched", "object"): PRODUCT,
        }
        info.kind = hints.get((pred, role), ORG)

    def topic_org(
        self, rules: SentenceRules, before: int, exclude: Mention | None = None
    ) -> Mention | None:
        """The organisation the text is about at this point: this sentence's first, else the
        subject of a recent sentence, else the article's most named one."""

        def fits(m: Mention) -> bool:
            info = self.entities.get(m.entity)
            return (
                info is not None
                and info.kind in (ORG, None)
                and (exclude is None or m.entity != exclude.entity)
            )

        modifiers = {c.start for c in rules.mentions if c.coref}
        for m in rules.mentions:
            if (
                m.start < before
                and fits(m)
                and m.end not in modifiers
                and rules.lower(m.start - 1)
                not in ("de", "d'", "of", "du", "des", "à", "au", "in", "by", "par")
            ):
                return m
        lead = self.recent_lead(fits)
        if lead is not None:
            return lead
        orgs = [
            i
            for i in self.entities.values()
            if i.kind == ORG and (exclude is None or i.key != exclude.entity)
        ]
        if not orgs:
            return None
        best = max(orgs, key=lambda i: i.count)
        return self.stand_in(best.key)

    def pronoun_antecedent(self, rules: SentenceRules, i: int) -> Mention | None:
        """What a subject pronoun stands for: "nous"/"we" in a quote is the company the text is
        about; "il"/"it"/"he" the subject of this sentence ("Quant à Google, il a déployé ...",
        "Amazon said it would ..."), else the subject of one of the two previous sentences."""
        word = rules.lower(i)
        if word in ("nous", "we"):
            return self.topic_org(rules, i)
        person = word in ("he", "she")
        org = word == "it"

        def fits(m: Mention) -> bool:
            info = self.entities.get(m.entity)
            if info is None or info.kind == PRODUCT:
                return False
            if person:
                return info.kind in (PERSON, None)
            return info.kind in (ORG, None) if org else True

        # "Backed by A, B and C, it raised ...": names in an opening phrase are not the subject
        opening = (
            rules.lower(i - 1) == ","
            and rules.starting(0) is None
            and rules.lower(0) not in ("quant", "for", "pour")
        )
        for m in rules.mentions:
            if m.start >= i or opening:
                break
            before = rules.lower(m.start - 1)
            if before in PREPOSITIONS and not (
                (before == "à" and rules.lower(m.start - 2) == "quant")
                or (before in ("for", "pour") and m.start == 1)  # "For Adobe, ..., it"
            ):
                continue
            return m if fits(m) else None
        return self.recent_lead(fits, back=2)

    def recent_lead(self, fits, back: int = 4) -> Mention | None:
        """The subject (first mention) of the nearest earlier sentence that fits."""
        leads: dict[int, Mention] = {}
        for n, m in self.history:
            if m.lead:
                leads.setdefault(n, m)
        for n in sorted(leads, reverse=True):
            if self.sentence - n > back:
                break
            if fits(leads[n]):
                return leads[n]
        return None

    def salient_person(self, rules: SentenceRules) -> Mention | None:
        for m in rules.mentions:
            if self.entities[m.entity].kind == PERSON:
                return m
        for n, m in reversed(self.history):
            if self.sentence - n > 4:
                break
            if self.entities[m.entity].kind == PERSON:
                return m
        return None

    def resolve_coref(self, m: Mention, rules: SentenceRules, noun: str) -> bool:
        """Point a "la start-up" mention at an earlier organisation; False if none fits."""
        prev = rules.ending(m.start - 2) if rules.lower(m.start - 1) == "," else None
        if (
            prev is not None
            and not prev.coref
            and self.entities[prev.entity].kind in (ORG, None)
            and not opens_clause(rules.toks, m.end)
            and rules.lower(m.end) not in ("'s", "’s")  # "Shazeer, the startup's CEO"
        ):
            m.entity = prev.entity
            return True
        head = rules.toks[m.end - 1]
        heads = [t for t in rules.toks[m.start : m.end] if t.pos == "NOUN"]
        if rules.lang == "fr" and heads:
            first = heads[0].dep in ("nsubj", "nsubj:pass") or (
                # "Fondée en 2023 par A et B, l'entreprise ...": the participle's subject
                rules.lower(m.start - 1) == ","
                and rules.lower(0).endswith(("é", "ée", "és", "ées"))
            )
        else:
            first = all(
                x.start >= m.start or x.end == m.start for x in rules.mentions if x is not m
            ) or (rules.lower(m.start - 1) == ",")
        del head
        nouns = COREF_NOUNS_FR if rules.lang == "fr" else COREF_NOUNS_EN
        words = {
            descriptor(t.lower, nouns) for t in rules.toks[m.start : m.end] if t.lower in nouns
        }
        words -= {"dernière", "dernier"}
        if noun == "startup":
            words.add("startup")
        # investors are not the company that raises (unless the text is about the investor);
        # a buyer is not "la start-up" it bought
        unlikely = self.investors - {self.salient_org()}
        if "startup" in words or rules.lower(0) in FOUNDING_PARTICIPLES:
            unlikely = unlikely | self.acquirers  # "Fondée en 1994 par X, l'entreprise ..."
        candidates = [
            (n, x)
            for n, x in self.history
            if self.entities[x.entity].kind in (ORG, None) and x.entity not in unlikely
        ]
        candidates += [
            (self.sentence, x)
            for x in rules.mentions
            if x.end < m.start and not x.coref and self.entities[x.entity].kind in (ORG, None)
        ]  # a name right before the noun is its modifier ("the iPhone maker"), not its antecedent
        if not candidates:
            return False
        for _n, x in reversed(candidates):
            # "le laboratoire" after "le laboratoire parisien Kyutai": the one described so
            if words & self.entities[x.entity].descriptors:
                m.entity = x.entity
                return True
        if noun == "company" and rules.lower(m.start - 1) in FOUNDING_PARTICIPLES | JOINING_VERBS:
            # "Stewart Butterfield, who co-founded the company": the company the text is about
            # here, this sentence's subject or a recent one's, not the last name read
            topic = next((x for x in rules.mentions[:1] if x.start < m.start), None)
            if topic is None or self.entities[topic.entity].kind not in (ORG, None):
                topic = self.recent_lead(
                    lambda x: (
                        self.entities[x.entity].kind in (ORG, None) and x.entity not in unlikely
                    ),
                    back=2,
                )
            if topic is not None and not topic.coref:
                m.entity = topic.entity
                return True
        if first and noun != "last":
            # the subject of a sentence usually continues an earlier sentence's subject
            lead = self.recent_lead(
                lambda x: (
                    self.entities[x.entity].kind in (ORG, None)
                    and x.entity != m.entity
                    and x.entity not in unlikely
                ),
                back=1,
            )
            if lead is not None:
                m.entity = lead.entity
                return True
            best = self.salient_org(unlikely & self.acquirers)  # else the text's topic
            if best is not None:
                m.entity = best
                return True
        # not the name whose apposition holds the reference ("Scaleway, la filiale du groupe")
        candidates = [
            (n, x)
            for n, x in candidates
            if not (
                n == self.sentence
                and rules.lower(x.end) == ","
                and not any(
                    rules.lower(k) in (",", ";", ".") or rules.toks[k].pos in ("VERB", "AUX")
                    for k in range(x.end + 1, m.start)
                )
            )
        ] or candidates
        last = candidates[-1][1]
        owned = [x for _n, x in candidates if not x.possessed]  # not "its Azure business"
        last = owned[-1] if owned else last
        if noun == "company" and rules.lower(m.start - 1) in ("de", "d'", "du", "of"):
            # "directeur général de l'éditeur de Le Chat": after a role, the description
            # refers to the organisation the text is about, unless it was seen investing
            leads: dict[str, int] = {}
            for _n, x in self.history:
                if x.lead:
                    leads[x.entity] = leads.get(x.entity, 0) + 1
            recent = {x.entity for n, x in candidates if self.sentence - n <= 3}
            scored = [
                (self.entities[e].count + 2 * leads.get(e, 0), e)
                for e in recent
                if e not in self.investors
            ]
            role_before = rules._after_role(m.start - 1) or any(
                rules.lower(m.start - 1 - n) in ("founder", "cofounder", "fondateur", "cofondateur")
                for n in (1, 2)
            )
            if scored and role_before:
                best = max(scored)[0]
                order = list(self.entities)
                # on a tie, the one introduced first (the article's topic)
                m.entity = min((e for s, e in scored if s == best), key=order.index)
                return True
        subjects = self._clause_subjects(rules, m) if noun != "last" else set()
        if last.entity in subjects and rules.lower(m.start - 1) not in (",", ":", ";"):
            # "A, B and C put money into the company": not one of the clause's own subjects,
            # the organisation the text is about
            best = self.salient_org(exclude=subjects)
            if best is not None:
                m.entity = best
                return True
        m.entity = last.entity
        return True

    @staticmethod
    def _clause_subjects(rules: SentenceRules, m: Mention) -> set[str]:
        """The entities of the names listed at the start of m's sentence ("A, B and C ...")."""
        first = next((x for x in rules.mentions if not x.coref), None)
        if (
            first is None
            or first.end > m.start
            or any(
                rules.lower(k) not in DETERMINERS and rules.toks[k].pos != "ADV"
                for k in range(first.start)
            )
        ):
            return set()  # only names that open the sentence
        return {x.entity for x in rules.coordinated(first) if x.end <= m.start}

    def describe(self, m: Mention, rules: SentenceRules) -> None:
        """Remember that a resolved reference called its entity a start-up ("the chatbot
        start-up's founders"): a later "the start-up" prefers it."""
        nouns = COREF_NOUNS_FR if rules.lang == "fr" else COREF_NOUNS_EN
        words = {descriptor(t.lower, nouns) for t in rules.toks[m.start : m.end]}
        if "startup" in words and m.entity not in self.investors | self.acquirers:
            self.entities[m.entity].descriptors.add("startup")

    def stand_in(self, key: str) -> Mention:
        """A mention of an entity of the article that stands nowhere in the sentence."""
        info = self.entities[key]
        return Mention(0, 0, info.name, info.kind, info.iri, entity=key)

    def salient_mention(self, exclude: set[str] = frozenset()) -> Mention | None:
        """The organisation the text is about (``salient_org``) as a mention."""
        best = self.salient_org(exclude)
        return self.stand_in(best) if best is not None else None

    def salient_org(self, exclude: set[str] = frozenset()) -> str | None:
        """The organisation the text is about so far: named often and as a sentence subject;
        companies seen investing count less; on a tie the one introduced first."""
        leads: dict[str, int] = {}
        for _n, x in self.history:
            if x.lead:
                leads[x.entity] = leads.get(x.entity, 0) + 1
        order = list(self.entities)
        scored = [
            (
                info.count + 2 * leads.get(key, 0) - (2 if key in self.investors else 0),
                -order.index(key),
                key,
            )
            for key, info in self.entities.items()
            if info.kind in (ORG, None) and key not in exclude and info.count > 0
        ]
        return max(scored)[2] if scored else None
