"""Lexicons of general English words that decide whether a word tells an event, of which type,
and who or what takes part in it: states and relations that are no happenings, objects that type
or untype a verb, nouns of times and kinds, and the words that mark an actor's or a place's part.
In: nothing. Out: word sets for :mod:`graph.extract.events` and :mod:`graph.extract.roles`.
"""

from __future__ import annotations

# State verbs that only relate or place things ("according to", "based in"): not even states.
RELATING_VERBS = {"accord", "base", "relate", "situate", "locate"}
# Nouns of states, problems and ongoing work: told as such, never a happening of one day.
STATE_NOUNS = {"problem", "issue", "development", "work", "leave", "project", "use", "impact", "process", "task",
               "trouble", "flaw", "fault", "difficulty", "situation", "condition", "relationship", "competition",
               "rivalry", "presence", "absence", "dominance", "lead", "control", "ownership", "possession"}
# Past participles that, after a noun, describe it rather than tell what happened to it: naming
# verbs when the name follows ("a puppy named Dolphin", not "a law named for him"), and relations.
NAMING_PARTICIPLES = {"name", "call", "dub", "title", "nickname"}
RELATING_PARTICIPLES = {"associate", "tie", "link", "connect", "relate", "base", "locate", "follow", "precede",
                        "accompany"}
# Participles after a noun that tell what it is made or fitted with: "an A330 equipped with the new
# tubes", "jets powered by Rolls-Royce engines".
EQUIPPING_PARTICIPLES = {"equip", "fit", "power", "arm", "outfit", "furnish"}
# Passives that tell what a thing is for or where it is held, not what happened to it.
PURPOSE_PARTICIPLES = {"aim", "intend", "confine", "devote", "dedicate"}
# Verbs whose CAMEO type depends on what they act on: "cut ties" is a sanction, "cut costs" is not;
# "sent troops" deploys, "sent a telegram" does not. Other objects leave the generic type.
TYPING_OBJECTS = {
    "cut": {"tie", "relation", "aid", "funding", "fund", "contact", "link", "supply", "export", "import", "trade"},
    "send": {"troop", "force", "soldier", "ship", "warship", "jet", "aircraft", "plane", "carrier", "tank",
             "reinforcement", "marine", "unit", "battalion", "brigade", "division", "fleet", "army", "personnel"},
    "deliver": {"aid", "food", "supply", "assistance", "medicine", "fuel", "water", "relief", "weapon", "arm",
                "ammunition", "equipment", "vaccine", "tent"},
}
# Event nouns typed, like their verbs, only with one of the verb's objects.
NOUN_VERBS = {"delivery": "deliver"}
# Saying verbs that say something only with a clause or one of these objects: "admitted that it
# paid" and "claimed responsibility" are statements, "was admitted as a member" and "claimed
# 39 lives" are not.
SAYING_OBJECTS = {
    "admit": {"responsibility", "guilt", "wrongdoing", "mistake", "error", "role", "defeat", "failure"},
    "claim": {"responsibility", "credit", "victory", "asylum"},
}
# Saying verbs that say nothing when they have an object: "'We will,' he added" says, "added 500
# jobs" does not.
SAYING_ONLY_WITHOUT_OBJECT = {"add"}
# Objects that take a verb out of its CAMEO type: "met the deadline" is no meeting.
UNTYPING_OBJECTS = {
    "meet": {"standard", "requirement", "target", "demand", "deadline", "goal", "criterion", "need",
             "expectation", "obligation", "condition", "cost", "payment", "quota", "estimate", "forecast"},
    "strike": {"deal", "agreement", "accord", "bargain", "compromise", "balance", "note", "chord", "pose",
               "high", "low", "record", "peak", "level", "bottom"},
}
# People a release or a freeing sets free: "released the hostages" is a release, "released its new
# phone" is no withdrawal.
PEOPLE_OBJECTS = {"prisoner", "hostage", "detainee", "captive", "inmate", "soldier", "journalist", "activist",
                  "suspect", "person", "people", "man", "woman", "child", "civilian", "sailor", "crew", "national"}
TYPING_BY_PEOPLE = {"release", "free"}
# What one leaves when one withdraws: a place, an organization, a post ("left Syria", "left Apple",
# "left office"). "Left the index at 11,188" or "left rates unchanged" is no withdrawal.
LEFT_BEHIND = {"country", "city", "region", "area", "town", "capital", "base", "territory", "province", "camp",
               "office", "post", "job", "company", "firm", "government", "cabinet", "party", "team", "club",
               "board", "coalition", "alliance", "union", "bloc", "home", "building", "port", "airport"}
# Verbs whose object is the event they bring about: the verb and the noun tell one happening.
SUPPORT_VERBS = {"file", "lodge", "submit", "sign", "seal", "clinch", "strike", "reach", "place", "win", "award"}
# Attempts and plans: their complement is the event ("tried to flee"), unless it names none.
ATTEMPT_VERBS = {"try", "seek", "plan", "intend"}
# -ing nouns that name things or times, not happenings, though a verb of that spelling exists.
NOT_EVENT_ING = {"building", "evening", "morning", "ceiling", "clothing", "housing", "being", "feeling",
                 "meaning", "setting", "heading", "painting", "drawing", "wing", "string", "spring", "thing",
                 "king", "ring", "earnings", "savings", "surroundings", "belongings", "offering", "opening"}
# Container nouns name a unit of another event: "a round of talks" is the talks.
CONTAINER_NOUNS = {"round", "series", "wave", "spate", "string", "campaign", "set"}
# Adjectives that make an event noun a kind, not a happening: "a typical download", "a possible strike".
GENERIC_ADJECTIVES = {"typical", "average", "usual", "normal", "ordinary", "standard", "hypothetical", "possible",
                      "potential", "future", "generic", "customary", "routine"}
# Nouns of a phase of a period: "the beginning of the year", "the end of the month".
PHASE_NOUNS = {"beginning", "start", "end", "middle", "close", "turn", "outset", "dawn", "half", "rest", "remainder"}
TIME_UNIT_NOUNS = {"year", "month", "week", "day", "decade", "century", "quarter", "season", "period", "term",
                   "session", "summer", "winter", "spring", "autumn", "fall", "morning", "evening", "night",
                   "afternoon", "weekend", "era", "millennium"}
# Words that make an "order" a command rather than a purchase.
COMMANDING = {"executive", "court", "gag", "restraining", "military", "evacuation", "presidential", "royal"}
# Verbs that hold a standing when their object is a share or a rank: "held 19 percent", "holds the lead".
HOLDING_VERBS = {"hold", "keep", "retain", "command", "control", "account"}
SHARE_NOUNS = {"percent", "%", "share", "stake", "majority", "lead", "position", "place", "rank", "spot",
               "record", "title", "seat"}
# Adjectives that make an event noun a standing state: "a long-running dispute", "the ongoing war".
ONGOING_ADJECTIVES = {"ongoing", "long-running", "longstanding", "long-standing", "continuing", "protracted",
                      "decades-long", "years-long", "lingering", "perennial"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# Bodies that act for themselves, not for the country or city that owns them or names them:
# "Russia's state news agency said" is the agency speaking, "the Syrian government said" the state.
OWNED_BODIES = {"agency", "newspaper", "paper", "channel", "television", "tv", "radio", "broadcaster", "network",
                "station", "media", "outlet", "website", "magazine", "daily",
                "company", "firm", "airline", "carrier", "bank", "manufacturer", "maker", "group", "university"}
# Gatherings a bare plural possessive names the audience of, not who holds them.
GATHERING_NOUNS = {"conference", "convention", "summit", "meeting", "forum", "festival", "fair", "expo", "show",
                   "congress", "rally", "gathering", "assembly"}
# Nouns that name one side of a relation: "Boeing's rival" is not Boeing.
RELATION_NOUNS = {"rival", "competitor", "partner", "customer", "client", "supplier", "subsidiary", "parent",
                  "ally", "opponent", "enemy", "successor", "predecessor", "counterpart", "owner", "buyer", "seller"}
# Happenings without an agent of their own: the places they hit are where they happened.
NATURAL_FORCES = {"earthquake", "quake", "tremor", "aftershock", "storm", "hurricane", "typhoon", "cyclone", "tornado",
                  "flood", "flooding", "fire", "wildfire", "blaze", "tsunami", "landslide", "mudslide", "avalanche",
                  "drought", "heatwave", "eruption", "epidemic", "outbreak", "pandemic", "blast", "explosion"}
# A word inside these names is a name ("Rally's Inc."), not an event noun.
NAME_KINDS = {"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"}
# Verbs whose object is told to do the complement: "ordered his troops to withdraw".
OBJECT_CONTROL = {"order", "urge", "ask", "tell", "force", "instruct", "allow", "call", "persuade", "command",
                  "prompt", "cause", "encourage", "enable", "invite", "compel", "convince", "pressure", "require",
                  "permit", "authorize", "authorise", "lead", "push", "press", "help"}
# Nouns of land, sea and air that a demonym places: "American soil", "Chinese waters".
LAND_NOUNS = {"soil", "territory", "ground", "land", "waters", "airspace", "border", "coast", "shore", "sky"}
# Nouns of going somewhere: a place named before them is where one goes ("the Malaysia visit").
TRAVEL_NOUNS = {"visit", "trip", "tour", "journey", "voyage", "stopover"}
# Verbs whose "to" names a cause, not who receives: "attributed the increase to fewer users".
ATTRIBUTING_VERBS = {"attribute", "ascribe", "blame", "credit", "trace", "link", "tie"}
# Happenings that befall their subject: who dies does not act ("Jobs dies", "his death").
UNDERGOING = {"die", "death", "perish", "drown"}
# Where things are traded or brought out: a country named before them is the market, not who acts
# ("US markets closed", "floated on British markets", "a U.S. release").
MARKET_NOUNS = {"market", "stock", "share", "exchange", "bourse", "economy", "release", "debut", "premiere", "rollout",
                "availability"}
# Prepositions that put a named one in a state: "on leave", "in trouble", "under investigation".
STATE_PREPOSITIONS = {"on", "in", "under"}
PLACE_PREPOSITIONS = {"in", "at", "to", "near", "inside", "into", "outside", "across", "on", "from", "throughout"}
PARTICIPANT_PREPOSITIONS = {"with", "between", "among", "alongside"}
PATIENT_PREPOSITIONS = {"against", "on", "of", "for", "over"}
# Most specific place wins: a base is more precise than its city, a city than its country.
PLACE_RANK = {"facility": 0, "city": 1, "place": 2, "region": 3, "country": 4}
