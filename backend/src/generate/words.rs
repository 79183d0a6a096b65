//! The word lists the generator draws from: towns, streets, names, vehicles, markers.

/// The PNC check characters, indexed by the number modulo 23.
pub(super) const PNC_CHECK: &[u8] = b"ZABCDEFGHJKLMNPQRTUVWXY";

/// Letters used in the inward part of postcodes (never C, I, K, M, O or V).
pub(super) const INWARD_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

/// First letter of a current-format registration (the region).
pub(super) const VRM_AREA: &[u8] = b"ABCDEFGHKLMNOPRSVWY";

/// Second letter of a current-format registration (the local office).
pub(super) const VRM_SECOND: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXY";

/// The random letters of a current-format registration (never I or Q).
pub(super) const VRM_RANDOM: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXYZ";

#[rustfmt::skip]
pub(super) const MARKERS: &[&str] = &[
    "violent", "violent", "violent", "drugs", "drugs", "weapons", "self_harm", "suicidal", "escaper",
    "contagion", "mental_health", "firearms", "ailment", "alleges",
];

/// A town: name, postcode area, how many postcode districts, localities.
pub(super) struct Town {
    pub(super) name: &'static str,
    pub(super) area: &'static str,
    pub(super) districts: u32,
    pub(super) localities: &'static [&'static str],
}

#[rustfmt::skip]
pub(super) const NS_TOWNS: &[Town] = &[
    Town { name: "Northby", area: "NB", districts: 24, localities: &["Old Town", "Harbourside", "Fenwick", "St Anne's"] },
    Town { name: "Hexworth", area: "HW", districts: 12, localities: &["Eastgate", "Millfield", "Carr Hill"] },
    Town { name: "Aldersey", area: "AY", districts: 8, localities: &["Low Aldersey", "Brampton"] },
    Town { name: "Brackenfield", area: "BF", districts: 10, localities: &["Moorside", "Kirkstall Green"] },
    Town { name: "Saltburn Bay", area: "SB", districts: 6, localities: &["The Marina", "Cliff Top"] },
    Town { name: "Fellside", area: "FS", districts: 5, localities: &["Upper Fell", "Beckfoot"] },
];

#[rustfmt::skip]
pub(super) const WV_TOWNS: &[Town] = &[
    Town { name: "Wessbury", area: "WB", districts: 20, localities: &["Abbey Fields", "Westgate", "Ryecroft"] },
    Town { name: "Vale Market", area: "VM", districts: 9, localities: &["Cattle Market", "Southmead"] },
    Town { name: "Avonmere", area: "AV", districts: 14, localities: &["Lower Avonmere", "Weirside", "Riverside"] },
    Town { name: "Sarum Cross", area: "SX", districts: 7, localities: &["Cathedral Close", "Bishopsdown"] },
    Town { name: "Kingsbridge Abbas", area: "KA", districts: 4, localities: &["Abbas Green"] },
    Town { name: "Downton Parva", area: "DP", districts: 3, localities: &["Parva End"] },
];

pub(super) const TOWNS: [&[Town]; 2] = [NS_TOWNS, WV_TOWNS];

#[rustfmt::skip]
pub(super) const STREET_NAMES: &[&str] = &[
    "High", "Church", "Station", "Victoria", "Park", "Mill", "Main", "School", "Queen's", "King's", "Albert",
    "Manor", "North", "South", "West", "East", "New", "Green", "Chapel", "Castle", "Bridge", "Market",
    "London", "York", "Grange", "Springfield", "Highfield", "Mount Pleasant", "Windsor", "Richmond",
    "Stanley", "Cromwell", "Elm", "Oak", "Ash", "Beech", "Willow", "Cedar", "Holly", "Meadow", "Orchard",
    "Brook", "River", "Hill", "St John's", "St Mary's", "Nelson", "Wellington", "Trafalgar", "Jubilee",
    "Coronation", "Hawthorn", "Rowan", "Sycamore", "Lime", "Poplar", "Chestnut", "Laburnum", "Cherry Tree",
    "Kestrel", "Heron", "Mayfield", "Fairfield", "Westfield", "Broad", "Long", "Moor", "Abbey", "Priory",
    "Rectory", "Vicarage", "Farm", "Forge", "Quarry", "Canal", "Railway", "Wharf", "Dock", "Primrose",
    "Bluebell", "Foxglove", "Cowper", "Milton", "Shakespeare", "Tennyson", "Byron", "Kingfisher", "Swallow",
    "Larch", "Hazel", "Alder", "Hornbeam",
];

#[rustfmt::skip]
pub(super) const STREET_TYPES: &[&str] = &[
    "Road", "Road", "Road", "Street", "Street", "Lane", "Lane", "Avenue", "Close", "Close", "Drive", "Way",
    "Crescent", "Gardens", "Terrace", "Grove", "Place", "Court", "Walk", "Rise", "View",
];

#[rustfmt::skip]
pub(super) const HOUSE_NAMES: &[&str] = &[
    "Rose Cottage", "The Old Rectory", "Ivy House", "The Willows", "Orchard House", "Meadow View",
    "The Laurels", "Hillside", "The Barn", "Woodlands",
];

#[rustfmt::skip]
pub(super) const PUB_FIRST: &[&str] = &[
    "The Red", "The White", "The Black", "The Golden", "The Royal", "The Old", "The Kings",
];

#[rustfmt::skip]
pub(super) const PUB_SECOND: &[&str] = &[
    "Lion", "Hart", "Horse", "Swan", "Bull", "Oak", "Anchor", "Crown", "Plough", "Arms",
];

#[rustfmt::skip]
pub(super) const SHOP_KINDS: &[&str] = &[
    "Convenience Store", "Takeaway", "Barbers", "Car Wash", "Tyres", "Pharmacy", "Off Licence", "Cafe",
    "Hand Car Valet", "Vape Shop", "Nail Bar", "Scaffolding",
];

#[rustfmt::skip]
pub(super) const COLOURS: &[&str] = &[
    "Black", "Black", "White", "White", "Silver", "Silver", "Grey", "Grey", "Blue", "Blue", "Red", "Red",
    "Green", "Orange", "Yellow", "Brown", "Purple", "Bronze",
];

#[rustfmt::skip]
pub(super) const VEHICLES: &[(&str, &[&str])] = &[
    ("Ford", &["Fiesta", "Focus", "Kuga", "Puma", "Transit", "Transit Custom", "Mondeo"]),
    ("Vauxhall", &["Corsa", "Astra", "Insignia", "Mokka", "Vivaro"]),
    ("Volkswagen", &["Golf", "Polo", "Passat", "Tiguan", "T-Roc", "Transporter"]),
    ("BMW", &["1 Series", "3 Series", "5 Series", "X1", "X5"]),
    ("Mercedes-Benz", &["A-Class", "C-Class", "E-Class", "Sprinter", "GLC"]),
    ("Audi", &["A1", "A3", "A4", "Q3", "Q5"]),
    ("Toyota", &["Yaris", "Corolla", "Aygo", "Prius", "RAV4", "Hilux"]),
    ("Nissan", &["Qashqai", "Micra", "Juke", "Leaf"]),
    ("Peugeot", &["208", "308", "2008", "3008", "Partner"]),
    ("Kia", &["Sportage", "Picanto", "Ceed", "Niro"]),
    ("Hyundai", &["Tucson", "i10", "i20", "i30"]),
    ("Renault", &["Clio", "Megane", "Captur", "Trafic"]),
    ("Honda", &["Civic", "Jazz", "CR-V"]),
    ("Skoda", &["Octavia", "Fabia", "Superb", "Kodiaq"]),
    ("Land Rover", &["Discovery", "Defender", "Range Rover Evoque", "Range Rover Sport"]),
    ("Fiat", &["500", "Panda", "Ducato"]),
    ("MINI", &["Cooper", "Countryman"]),
    ("Citroen", &["C3", "C4", "Berlingo"]),
    ("Tesla", &["Model 3", "Model Y"]),
    ("Volvo", &["XC40", "XC60", "V40"]),
    ("SEAT", &["Ibiza", "Leon"]),
    ("Mazda", &["2", "3", "CX-5", "MX-5"]),
];

/// Roughly the most common British surnames, most common first (weighted by rank).
#[rustfmt::skip]
pub(super) const SURNAMES: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
    "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
    "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson",
    "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell",
    "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell",
    "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "Graham", "Pearson", "Ahmed",
    "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart", "Elliott", "Reynolds", "Saunders",
    "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West", "Lawrence", "Cole", "Atkinson", "Bradley",
    "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien", "Watts", "Rose", "Booth", "Perry", "Ryan",
    "Grant", "Wells", "Armstrong", "Francis", "Rees", "Hayes", "Hart", "Hudson", "Newman", "Barrett",
    "Webster", "Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons",
    "Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver",
    "Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane", "Cooke", "Bates", "Henderson",
    "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson", "Shepherd", "Ross", "Cross", "Long",
    "Freeman", "Warren", "Nicholls", "Hamilton", "Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson",
    "Curtis", "Hopkins", "O'Connor", "Harper", "Coleman", "Watkins", "Moss", "McCarthy", "Chambers",
    "O'Neill", "Griffin", "Sharp", "Hardy", "Wheeler", "Potter", "Osborne", "Johnston", "Gordon", "Doyle",
    "Wallace", "George", "Jordan", "Hutchinson", "Rowe", "Burke", "May", "Pritchard", "Gilbert", "Willis",
    "Higgins", "Read", "Miles", "Stevenson", "Stephenson", "Hammond", "Arnold", "Buckley", "Walters",
    "Hewitt", "Barber", "Nelson", "Slater", "Austin", "Sullivan", "Whitehead", "Mann", "Frost", "Lambert",
    "Stephens", "Blake", "Akhtar", "Lynch", "Goodwin", "Barton", "Woodward", "Thomson", "Cunningham", "Quinn",
    "Barnett", "Baxter", "Bibi", "Clayton", "Nash", "Greenwood", "Jennings", "Holt", "Kemp", "Poole",
    "Gallagher", "Bond", "Stokes", "Tucker", "Davidson", "Fowler", "Heath", "Norman", "Middleton", "Lees",
    "Banks", "French", "Jarvis", "Fuller", "Thornton", "Kowalski", "Nowak", "Schmidt", "Fernandes", "Okafor",
    "Mensah", "Nguyen", "Wong", "Chen", "Rahman", "Iqbal", "Mahmood", "Hassan", "Ibrahim", "Mohamed", "Abdi",
    "Osei", "Adeyemi", "Ferreira", "Silva", "Kowalczyk", "Wiśniewski", "MacLeod", "Llewellyn", "Van der Berg",
];

/// Parts of rarer, place-derived surnames (the long tail).
#[rustfmt::skip]
pub(super) const SURNAME_STEMS: &[&str] = &[
    "Ash", "Black", "Brad", "Brook", "Cal", "Crans", "Dun", "Elm", "Fair", "Green", "Hart", "Hol", "Kings",
    "Lang", "Mar", "Mel", "Mid", "New", "North", "Oak", "Pen", "Rad", "Red", "Ross", "Rush", "Sal", "Shel",
    "South", "Stan", "Stock", "Thorn", "Wal", "West", "Whit", "Wood", "Al", "Bar", "Bur", "Car", "Chat",
    "Cres", "Dal", "Ever", "Farn", "Gold", "Hather", "Hay", "Lin", "Lock", "Mor", "Net", "Ock", "Pick", "Ray",
    "Shir", "Tat", "Wen", "Yar",
];

#[rustfmt::skip]
pub(super) const SURNAME_ENDINGS: &[&str] = &[
    "ley", "ton", "field", "ford", "wood", "worth", "by", "ham", "well", "stone", "ridge", "dale", "more",
    "croft", "wick", "hurst", "bury", "combe", "shaw", "land", "den", "brook", "sell", "cott", "low",
    "thorpe", "stead", "ington", "ridge", "man",
];

/// Common male forenames, most common first; some nicknames as people give them.
#[rustfmt::skip]
pub(super) const MALE_FORENAMES: &[&str] = &[
    "David", "John", "James", "Michael", "Paul", "Andrew", "Mark", "Richard", "Peter", "Robert",
    "Christopher", "Daniel", "Thomas", "Matthew", "Stephen", "William", "Steven", "Anthony", "Jonathan",
    "Simon", "Ian", "Gary", "Kevin", "Lee", "Martin", "Neil", "Adam", "Darren", "Jason", "Craig", "Wayne",
    "Scott", "Stuart", "Graham", "Alan", "Brian", "Keith", "Colin", "Philip", "George", "Edward", "Joseph",
    "Samuel", "Benjamin", "Oliver", "Jack", "Harry", "Charlie", "Alexander", "Ryan", "Liam", "Luke", "Callum",
    "Nathan", "Jordan", "Connor", "Kieran", "Dean", "Carl", "Shaun", "Ben", "Tom", "Dan", "Jim", "Bob",
    "Dave", "Mike", "Steve", "Chris", "Tony", "Nick", "Joe", "Sam", "Alex", "Mohammed", "Muhammad", "Ali",
    "Omar", "Tomasz", "Piotr", "Kwame", "Chidi", "Rui", "Gareth", "Rhys", "Owen", "Dylan", "Jamie", "Kyle",
    "Reece", "Aaron", "Lewis", "Patrick", "Sean", "Declan", "Terry", "Ronald", "Kenneth", "Raymond",
    "Frederick", "Harold", "Henry", "Leonard", "Dominic", "Gregory", "Lawrence", "Timothy", "Zachary", "Noah",
    "Leo", "Arthur", "Freddie", "Archie", "Oscar", "Billy", "Danny", "Jimmy", "Mick",
];

/// Common female forenames, most common first; some nicknames as people give them.
#[rustfmt::skip]
pub(super) const FEMALE_FORENAMES: &[&str] = &[
    "Sarah", "Emma", "Claire", "Laura", "Rebecca", "Gemma", "Nicola", "Lisa", "Karen", "Michelle", "Helen",
    "Rachel", "Amanda", "Joanne", "Louise", "Kelly", "Victoria", "Jennifer", "Elizabeth", "Catherine",
    "Katherine", "Susan", "Margaret", "Patricia", "Deborah", "Julie", "Tracey", "Donna", "Samantha",
    "Charlotte", "Hannah", "Sophie", "Emily", "Jessica", "Amy", "Lauren", "Chloe", "Megan", "Olivia",
    "Amelia", "Isla", "Ava", "Mia", "Grace", "Lucy", "Ellie", "Holly", "Jade", "Stacey", "Natalie", "Kirsty",
    "Leanne", "Danielle", "Jodie", "Zoe", "Abigail", "Alexandra", "Christine", "Josephine", "Jacqueline",
    "Angela", "Jane", "Anne", "Mary", "Linda", "Carol", "Sandra", "Wendy", "Dawn", "Sharon", "Alison",
    "Fiona", "Kate", "Katie", "Beth", "Becky", "Liz", "Sue", "Jackie", "Mandy", "Jenny", "Vicky", "Debbie",
    "Nikki", "Aisha", "Fatima", "Priya", "Aaliyah", "Anna", "Agnieszka", "Bethan", "Siobhan", "Niamh",
    "Ffion", "Freya", "Poppy", "Ruby", "Evie", "Ella", "Jasmine", "Yasmin", "Chantelle", "Shannon", "Paige",
];
