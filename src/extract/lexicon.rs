//! The word lists the default rules share: months, function words, titles, organisation
//! and place keywords, places and nationalities of Central and South Asia.
//!
//! Lists are matched exactly; title heads are stored in lowercase and also matched
//! capitalised.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: a fast hash for fixed tables of short built-in words.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// A hash map keyed by built-in words.
pub(crate) type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// A sorted word list with binary-search lookup; words are matched exactly.
pub(crate) struct WordList {
    words: Vec<&'static str>,
}

impl WordList {
    fn new(words: &[&'static str]) -> Self {
        let mut words = words.to_vec();
        words.sort_unstable();
        words.dedup();
        WordList { words }
    }

    /// Whether `word` is in the list.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.words.binary_search(&word).is_ok()
    }

    /// The words, sorted.
    pub(crate) fn words(&self) -> &[&'static str] {
        &self.words
    }
}

/// `word` with its first letter in uppercase.
pub(crate) fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Month names, capitalised.
pub(crate) const MONTHS: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";

/// Month names (exact).
pub(crate) static MONTH_WORDS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ])
});

/// Weekday names (exact).
pub(crate) static WEEKDAY_WORDS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ])
});

/// Capitalised words that start sentences or headings but are not part of names (exact).
pub(crate) static STOP_CAPS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "A",
        "About",
        "According",
        "Across",
        "After",
        "Against",
        "All",
        "Almost",
        "Also",
        "Although",
        "Amid",
        "Among",
        "An",
        "And",
        "Another",
        "Any",
        "Are",
        "As",
        "Asked",
        "At",
        "Because",
        "Before",
        "Being",
        "Both",
        "But",
        "By",
        "Chapter",
        "Despite",
        "During",
        "Each",
        "Earlier",
        "Eight",
        "Either",
        "Even",
        "Every",
        "Few",
        "First",
        "Five",
        "Following",
        "For",
        "Four",
        "From",
        "Further",
        "He",
        "Hence",
        "Her",
        "Here",
        "His",
        "How",
        "However",
        "I",
        "If",
        "In",
        "Indeed",
        "Instead",
        "Into",
        "Is",
        "Issue",
        "It",
        "Its",
        "Just",
        "Last",
        "Later",
        "Less",
        "Many",
        "Meanwhile",
        "More",
        "Moreover",
        "Most",
        "Much",
        "My",
        "Near",
        "Nearly",
        "Neither",
        "Never",
        "Nevertheless",
        "Next",
        "Nine",
        "No",
        "Nonetheless",
        "Nor",
        "Not",
        "Now",
        "Of",
        "On",
        "Once",
        "One",
        "Only",
        "Or",
        "Other",
        "Our",
        "Over",
        "Page",
        "Part",
        "Publication",
        "Rather",
        "Responding",
        "Second",
        "Section",
        "Seven",
        "Several",
        "She",
        "Since",
        "Six",
        "So",
        "Some",
        "Speaking",
        "Still",
        "Such",
        "Ten",
        "That",
        "The",
        "Their",
        "Then",
        "There",
        "Therefore",
        "These",
        "They",
        "This",
        "Those",
        "Though",
        "Three",
        "Thus",
        "To",
        "Today",
        "Tomorrow",
        "Two",
        "Under",
        "Unlike",
        "Until",
        "Upon",
        "Volume",
        "Was",
        "We",
        "Were",
        "What",
        "Whatever",
        "When",
        "Where",
        "Whether",
        "Which",
        "While",
        "Whilst",
        "Who",
        "Whoever",
        "Why",
        "With",
        "Within",
        "Without",
        "Yesterday",
        "Yet",
        "You",
    ])
});

/// Whether `word` is a lowercase word that may join capitalised words into one name
/// ("Committee of the Interior", "Embassy of Pakistan in Tashkent").
pub(crate) fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "al" | "and"
            | "bin"
            | "da"
            | "de"
            | "der"
            | "for"
            | "ibn"
            | "in"
            | "of"
            | "on"
            | "the"
            | "van"
            | "von"
    )
}

/// Nouns that name an office or role and head a title, in lowercase.
pub(crate) static TITLE_HEADS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "adviser",
        "advisor",
        "akim",
        "ambassador",
        "analyst",
        "attache",
        "attaché",
        "admiral",
        "captain",
        "chairman",
        "chairperson",
        "chairwoman",
        "chancellor",
        "chief",
        "cleric",
        "colonel",
        "commander",
        "commissioner",
        "consul",
        "correspondent",
        "director",
        "editor",
        "emir",
        "envoy",
        "expert",
        "general",
        "governor",
        "head",
        "hokim",
        "imam",
        "inspector",
        "judge",
        "king",
        "leader",
        "lieutenant",
        "marshal",
        "mayor",
        "minister",
        "mufti",
        "mullah",
        "officer",
        "official",
        "premier",
        "president",
        "prince",
        "professor",
        "prosecutor",
        "queen",
        "representative",
        "researcher",
        "secretary",
        "senator",
        "sergeant",
        "sheikh",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "superintendent",
        "vice-president",
        "глава",
        "директор",
        "министр",
        "посол",
        "представитель",
        "президент",
        "председатель",
        "пресс-секретарь",
        "премьер-министр",
    ])
});

/// The title heads in lowercase and capitalised ("minister", "Minister").
static TITLE_HEAD_FORMS: LazyLock<WordMap<()>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    for word in TITLE_HEADS.words() {
        map.insert(word.to_string(), ());
        map.insert(capitalise(word), ());
    }
    map
});

/// Whether `word` heads a title ("Minister", "spokesman", "attaché").
pub(crate) fn is_title_head(word: &str) -> bool {
    TITLE_HEAD_FORMS.contains_key(word)
}

/// Title abbreviations written with a full stop before a name ("Col. Daler Sharipov")
/// (exact, without the stop).
pub(crate) static TITLE_ABBREVIATIONS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "Adm", "Amb", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Dr", "Gen", "Gov", "Insp",
        "Lt", "Maj", "Mr", "Mrs", "Ms", "Pres", "Prof", "Pvt", "Rep", "Rev", "Sen", "Sgt", "Supt",
    ])
});

/// Abbreviations whose full stop does not end a sentence (exact, without the stop).
pub(crate) static OTHER_ABBREVIATIONS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "Apr", "Aug", "Co", "Corp", "Dec", "Feb", "Inc", "Jan", "Jr", "Jul", "Jun", "Ltd", "No",
        "Nos", "Nov", "Oct", "Sep", "Sept", "Sr", "St", "U.K", "U.N", "U.S", "Vol", "approx",
        "e.g", "i.e", "vs",
    ])
});

/// Capitalised words that mark an organisation (exact).
pub(crate) static ORG_KEYWORDS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "Academy",
        "Administration",
        "Agency",
        "Airlines",
        "Alliance",
        "Army",
        "Assembly",
        "Association",
        "Authority",
        "Bank",
        "Battalion",
        "Brigade",
        "Bureau",
        "Cabinet",
        "Center",
        "Centre",
        "Channel",
        "Church",
        "Coalition",
        "College",
        "Command",
        "Commission",
        "Committee",
        "Company",
        "Congress",
        "Consulate",
        "Corporation",
        "Council",
        "Court",
        "Daily",
        "Department",
        "Directorate",
        "Division",
        "Embassy",
        "Federation",
        "Forces",
        "Foundation",
        "Front",
        "Fund",
        "Gazette",
        "Government",
        "Group",
        "Guard",
        "Herald",
        "Institute",
        "Journal",
        "Ministry",
        "Mission",
        "Monitor",
        "Movement",
        "Network",
        "News",
        "Office",
        "Organisation",
        "Organization",
        "Parliament",
        "Party",
        "Police",
        "Post",
        "Press",
        "Radio",
        "Regiment",
        "School",
        "Secretariat",
        "Senate",
        "Service",
        "Services",
        "Telegraph",
        "Television",
        "Times",
        "Treaty",
        "Tribune",
        "Troops",
        "Union",
        "University",
    ])
});

/// Capitalised words that mark a geographic location (exact).
pub(crate) static LOC_KEYWORDS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "Basin",
        "Bay",
        "Desert",
        "Gorge",
        "Gulf",
        "Highlands",
        "Hills",
        "Island",
        "Islands",
        "Lake",
        "Mountain",
        "Mountains",
        "Ocean",
        "Pass",
        "Peninsula",
        "Plateau",
        "Range",
        "River",
        "Sea",
        "Steppe",
        "Strait",
        "Valley",
    ])
});

/// Capitalised words that qualify an office or organisation and are never part of a
/// person's name (exact).
pub(crate) static OFFICE_WORDS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "Acting",
        "Affairs",
        "Agriculture",
        "Anti-Terrorism",
        "Armed",
        "Border",
        "Central",
        "Chief",
        "City",
        "Constitutional",
        "Counter-Terrorism",
        "Culture",
        "Defence",
        "Defense",
        "Deputy",
        "District",
        "Economic",
        "Economy",
        "Education",
        "Emergencies",
        "Emergency",
        "Energy",
        "External",
        "Federal",
        "Finance",
        "First",
        "Foreign",
        "Former",
        "General",
        "Health",
        "Home",
        "Information",
        "Intelligence",
        "Interior",
        "Internal",
        "International",
        "Investigation",
        "Justice",
        "Local",
        "Military",
        "National",
        "Presidential",
        "Prime",
        "Provincial",
        "Public",
        "Regional",
        "Republic",
        "Security",
        "Senior",
        "Special",
        "Staff",
        "State",
        "Supreme",
        "Trade",
        "Transport",
        "Vice",
    ])
});

/// Places of Central and South Asia and their neighbours, with their entity type.
pub(crate) const PLACES: &[(&str, &str)] = &[
    ("Afghanistan", "GPE"),
    ("Aktobe", "GPE"),
    ("Almaty", "GPE"),
    ("Alma-Ata", "GPE"),
    ("Andijan", "GPE"),
    ("Armenia", "GPE"),
    ("Ashgabat", "GPE"),
    ("Astana", "GPE"),
    ("Atyrau", "GPE"),
    ("Azerbaijan", "GPE"),
    ("Badakhshan", "GPE"),
    ("Baku", "GPE"),
    ("Balochistan", "GPE"),
    ("Bangladesh", "GPE"),
    ("Batken", "GPE"),
    ("Beijing", "GPE"),
    ("Beslan", "GPE"),
    ("Bhutan", "GPE"),
    ("Bishkek", "GPE"),
    ("Britain", "GPE"),
    ("Bukhara", "GPE"),
    ("Caucasus", "LOC"),
    ("Central Asia", "LOC"),
    ("Chechnya", "GPE"),
    ("China", "GPE"),
    ("Colombo", "GPE"),
    ("Dagestan", "GPE"),
    ("Delhi", "GPE"),
    ("Dhaka", "GPE"),
    ("Dushanbe", "GPE"),
    ("Fergana Valley", "LOC"),
    ("Ferghana Valley", "LOC"),
    ("Georgia", "GPE"),
    ("Herat", "GPE"),
    ("India", "GPE"),
    ("Iran", "GPE"),
    ("Islamabad", "GPE"),
    ("Jalal-Abad", "GPE"),
    ("Kabul", "GPE"),
    ("Kandahar", "GPE"),
    ("Karachi", "GPE"),
    ("Karaganda", "GPE"),
    ("Kashgar", "GPE"),
    ("Kashmir", "GPE"),
    ("Kathmandu", "GPE"),
    ("Kazakhstan", "GPE"),
    ("Khujand", "GPE"),
    ("Khyber Pakhtunkhwa", "GPE"),
    ("Kunduz", "GPE"),
    ("Kyrgyzstan", "GPE"),
    ("Lahore", "GPE"),
    ("Mazar-i-Sharif", "GPE"),
    ("Miram Shah", "GPE"),
    ("Miranshah", "GPE"),
    ("Mongolia", "GPE"),
    ("Moscow", "GPE"),
    ("Namangan", "GPE"),
    ("Nepal", "GPE"),
    ("New Delhi", "GPE"),
    ("North Ossetia", "GPE"),
    ("North Waziristan", "GPE"),
    ("Osh", "GPE"),
    ("Pakistan", "GPE"),
    ("Pamirs", "LOC"),
    ("Peshawar", "GPE"),
    ("Quetta", "GPE"),
    ("Rawalpindi", "GPE"),
    ("Russia", "GPE"),
    ("Samarkand", "GPE"),
    ("Semey", "GPE"),
    ("Shymkent", "GPE"),
    ("South Asia", "LOC"),
    ("South Waziristan", "GPE"),
    ("Sri Lanka", "GPE"),
    ("Taiwan", "GPE"),
    ("Tajikistan", "GPE"),
    ("Taraz", "GPE"),
    ("Tashkent", "GPE"),
    ("Tbilisi", "GPE"),
    ("Tehran", "GPE"),
    ("Termez", "GPE"),
    ("Tibet", "GPE"),
    ("Turkey", "GPE"),
    ("Turkmenistan", "GPE"),
    ("Ulaanbaatar", "GPE"),
    ("United Kingdom", "GPE"),
    ("United States", "GPE"),
    ("Urumqi", "GPE"),
    ("Uzbekistan", "GPE"),
    ("Washington", "GPE"),
    ("Waziristan", "GPE"),
    ("Xinjiang", "GPE"),
    ("Yerevan", "GPE"),
];

/// Every word of every place name, for telling place words from name words (exact).
pub(crate) static PLACE_WORDS: LazyLock<WordList> = LazyLock::new(|| {
    let words: Vec<&'static str> = PLACES
        .iter()
        .filter(|(name, _)| !name.contains(' '))
        .map(|(name, _)| *name)
        .collect();
    WordList::new(&words)
});

/// Nationality adjectives, demonyms and religious groups, tagged NORP.
pub(crate) const NATIONALITIES: &[&str] = &[
    "Afghan",
    "Afghans",
    "American",
    "Americans",
    "Arab",
    "Arabs",
    "Armenian",
    "Armenians",
    "Asian",
    "Asians",
    "Azerbaijani",
    "Azerbaijanis",
    "Azeri",
    "Azeris",
    "Baloch",
    "Bangladeshi",
    "Bangladeshis",
    "Belarusian",
    "Belarusians",
    "Bengali",
    "British",
    "Buddhist",
    "Buddhists",
    "Chechen",
    "Chechens",
    "Chinese",
    "Christian",
    "Christians",
    "European",
    "Europeans",
    "French",
    "Georgian",
    "Georgians",
    "German",
    "Germans",
    "Hazara",
    "Hazaras",
    "Hindu",
    "Hindus",
    "Indian",
    "Indians",
    "Iranian",
    "Iranians",
    "Iraqi",
    "Iraqis",
    "Islamic",
    "Israeli",
    "Israelis",
    "Japanese",
    "Jewish",
    "Kashmiri",
    "Kashmiris",
    "Kazakh",
    "Kazakhs",
    "Kazakhstani",
    "Kazakhstanis",
    "Kirghiz",
    "Korean",
    "Koreans",
    "Kyrgyz",
    "Mongol",
    "Mongolian",
    "Mongolians",
    "Mongols",
    "Muslim",
    "Muslims",
    "Nepali",
    "Nepalis",
    "Pakistani",
    "Pakistanis",
    "Palestinian",
    "Palestinians",
    "Pashtun",
    "Pashtuns",
    "Persian",
    "Punjabi",
    "Punjabis",
    "Russian",
    "Russians",
    "Saudi",
    "Saudis",
    "Shia",
    "Shiite",
    "Shiites",
    "Sikh",
    "Sikhs",
    "Sindhi",
    "Soviet",
    "Sunni",
    "Sunnis",
    "Syrian",
    "Syrians",
    "Tajik",
    "Tajiks",
    "Tatar",
    "Tatars",
    "Turk",
    "Turkish",
    "Turkmen",
    "Turks",
    "Uighur",
    "Uighurs",
    "Ukrainian",
    "Ukrainians",
    "Uyghur",
    "Uyghurs",
    "Uzbek",
    "Uzbeks",
];

/// The nationality words, for lookups (exact).
pub(crate) static NATIONALITY_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(NATIONALITIES));

/// Lowercase nouns for people or bodies that speak without being named
/// ("Pakistani sources", "the same official") (exact).
pub(crate) static ROLE_NOUNS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "aide",
        "aides",
        "analyst",
        "analysts",
        "authorities",
        "commander",
        "commanders",
        "diplomat",
        "diplomats",
        "embassy",
        "expert",
        "experts",
        "government",
        "insider",
        "insiders",
        "investigators",
        "leader",
        "leaders",
        "military",
        "ministry",
        "observer",
        "observers",
        "officer",
        "officers",
        "official",
        "officials",
        "police",
        "prosecutors",
        "representative",
        "representatives",
        "resident",
        "residents",
        "source",
        "sources",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "witness",
        "witnesses",
    ])
});

/// Role nouns that stand for an organisation rather than a person (exact).
pub(crate) static ORG_ROLE_NOUNS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "authorities",
        "embassy",
        "government",
        "military",
        "ministry",
        "police",
        "prosecutors",
    ])
});

/// Lowercase function words: never part of a title or a speaker's description (exact).
pub(crate) static FUNCTION_WORDS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(&[
        "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "for", "from",
        "had", "has", "have", "he", "her", "his", "if", "in", "is", "it", "its", "no", "not", "of",
        "on", "or", "said", "says", "she", "so", "than", "that", "the", "their", "then", "these",
        "they", "this", "those", "to", "told", "was", "were", "when", "which", "while", "who",
        "whom", "whose", "with",
    ])
});

/// Determiners that open a description ("a Pakistani military official") (exact).
pub(crate) static DETERMINERS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(&["A", "An", "The", "a", "an", "the"]));

/// Whether `word` is a place word of the built-in list.
pub(crate) fn is_place_word(word: &str) -> bool {
    PLACE_WORDS.contains(word)
}

/// The entity type of a built-in place name, when `name` is one.
pub(crate) fn place_label(name: &str) -> Option<&'static str> {
    PLACES
        .iter()
        .find(|(place, _)| *place == name)
        .map(|(_, label)| *label)
}

/// The byte length of the longest abbreviation of the lists.
const LONGEST_ABBREVIATION: usize = 6;

/// Whether `word` is a title abbreviation ("Col", "Gen") or any other abbreviation
/// whose full stop does not end a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    word.len() <= LONGEST_ABBREVIATION
        && (TITLE_ABBREVIATIONS.contains(word) || OTHER_ABBREVIATIONS.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_listed_words_only() {
        assert!(MONTH_WORDS.contains("July"));
        assert!(!MONTH_WORDS.contains("july"));
        assert!(is_title_head("Minister"));
        assert!(is_title_head("attaché"));
        assert!(is_title_head("Президент"));
        assert!(!is_title_head("citizen"));
        assert!(is_connector("of"));
        assert!(!is_connector("Of"));
        assert!(ORG_KEYWORDS.contains("Ministry"));
        assert!(is_place_word("Kazakhstan"));
        assert!(!is_place_word("North"));
        assert_eq!(place_label("Central Asia"), Some("LOC"));
        assert!(is_abbreviation("Col"));
        assert!(NATIONALITY_WORDS.contains("Uyghur"));
        let longest = TITLE_ABBREVIATIONS
            .words()
            .iter()
            .chain(OTHER_ABBREVIATIONS.words())
            .map(|w| w.len())
            .max();
        assert_eq!(longest, Some(LONGEST_ABBREVIATION));
    }

    #[test]
    fn title_heads_are_lowercase() {
        for word in TITLE_HEADS.words() {
            assert_eq!(word.to_lowercase(), *word);
        }
    }
}
