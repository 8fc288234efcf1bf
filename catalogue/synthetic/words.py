"""Word lists the synthetic catalogue builds names and text from (plausible, invented, no network)."""

from programmes.models import EventKind, ProgrammeKind

TOPICS = [
    "Medical imaging", "Pathology", "Cancer diagnosis", "Mental health", "Maternity", "Stroke care",
    "Cardiology", "Diabetes", "Dermatology", "Ophthalmology", "Genomics", "Population health",
    "Primary care", "Urgent and emergency care", "Ambulance services", "Social care", "Elective recovery",
    "Workforce", "Cyber security", "Interoperability", "Electronic patient records", "Remote monitoring",
    "Virtual wards", "Clinical decision support", "Natural language processing", "Computer vision",
    "Predictive analytics", "Data access", "Trusted research environments", "Patient safety",
    "Medicines optimisation", "Screening", "Respiratory medicine", "Frailty", "Dementia", "Sepsis",
    "Kidney disease", "Musculoskeletal health", "Children and young people", "Health inequalities",
]
SUBJECTS = [
    "Imaging", "Radiology Reporting", "Digital Pathology", "Lung Cancer Screening", "Breast Screening",
    "Mental Health", "Perinatal Mental Health", "Maternity", "Stroke", "Heart Failure", "Atrial Fibrillation",
    "Diabetes", "Diabetic Eye Screening", "Skin Cancer", "Eye Care", "Genomic Medicine", "Population Health",
    "Primary Care", "Urgent Care", "Ambulance Triage", "Social Care Records", "Elective Recovery",
    "Workforce Planning", "Cyber Resilience", "Interoperability", "Patient Records", "Remote Monitoring",
    "Virtual Ward", "Clinical Decision Support", "Clinical Coding", "Sepsis Detection", "Frailty",
    "Dementia Diagnosis", "Kidney Care", "Musculoskeletal", "Paediatric", "Prescribing", "Discharge",
    "Referral Management", "Outpatient Transformation", "Theatre Scheduling", "Bed Management",
    "Endoscopy", "Cardiac Imaging", "Prostate Cancer", "Bowel Screening", "Respiratory", "Asthma",
]
NAME_PREFIXES = [
    "National", "Regional", "Integrated", "Digital", "AI", "Connected", "Shared", "Open", "Federated",
    "Automated", "Predictive", "Community", "Smart", "Accelerated", "Collaborative", "Intelligent",
]
NAME_NOUNS = [
    ("Programme", ProgrammeKind.PROGRAMME), ("Initiative", ProgrammeKind.INITIATIVE),
    ("Network", ProgrammeKind.INITIATIVE), ("Platform", ProgrammeKind.SERVICE),
    ("Pilot", ProgrammeKind.PROJECT), ("Accelerator", ProgrammeKind.PROGRAMME),
    ("Collaborative", ProgrammeKind.INITIATIVE), ("Service", ProgrammeKind.SERVICE),
    ("Challenge", ProgrammeKind.CHALLENGE), ("Centre", ProgrammeKind.CENTRE), ("Pathway", ProgrammeKind.PROJECT),
    ("Study", ProgrammeKind.PROJECT), ("Toolkit", ProgrammeKind.SERVICE), ("Hub", ProgrammeKind.CENTRE),
    ("Registry", ProgrammeKind.SERVICE), ("Strategy", ProgrammeKind.STRATEGY), ("Framework", ProgrammeKind.STRATEGY),
]
CODENAMES = [
    "Heron", "Kestrel", "Lantern", "Beacon", "Compass", "Harbour", "Meridian", "Orchid", "Sentinel", "Willow",
    "Atlas", "Cobalt", "Falcon", "Juniper", "Lighthouse", "Mosaic", "Northstar", "Pioneer", "Quartz", "Skylark",
]
PLACES = [
    "Aberdeen", "Barnsley", "Bath", "Bedford", "Belfast", "Birmingham", "Blackburn", "Blackpool", "Bolton",
    "Bournemouth", "Bradford", "Brighton", "Bristol", "Burnley", "Cambridge", "Canterbury", "Cardiff",
    "Carlisle", "Chelmsford", "Cheltenham", "Chester", "Chesterfield", "Colchester", "Coventry", "Crewe",
    "Darlington", "Derby", "Doncaster", "Dorchester", "Dudley", "Dundee", "Durham", "Edinburgh", "Exeter",
    "Gateshead", "Glasgow", "Gloucester", "Grimsby", "Guildford", "Halifax", "Harrogate", "Hereford",
    "Huddersfield", "Hull", "Inverness", "Ipswich", "Kendal", "Kettering", "Lancaster", "Leeds", "Leicester",
    "Lincoln", "Liverpool", "London", "Luton", "Maidstone", "Manchester", "Middlesbrough", "Milton Keynes",
    "Newcastle", "Newport", "Northampton", "Norwich", "Nottingham", "Oldham", "Oxford", "Peterborough",
    "Plymouth", "Portsmouth", "Preston", "Reading", "Rochdale", "Rotherham", "Salford", "Salisbury",
    "Scunthorpe", "Sheffield", "Shrewsbury", "Slough", "Southampton", "Southend", "Stafford", "Stockport",
    "Stoke", "Sunderland", "Swansea", "Swindon", "Taunton", "Telford", "Torbay", "Truro", "Wakefield",
    "Walsall", "Warrington", "Watford", "Wigan", "Winchester", "Wolverhampton", "Worcester", "Worthing",
    "Yeovil", "York",
]
REGIONS = [
    "the North East", "the North West", "Yorkshire and the Humber", "the East Midlands", "the West Midlands",
    "the East of England", "London", "the South East", "the South West",
]
TRUST_TYPES = [
    "Teaching Hospitals", "University Hospitals", "Hospitals", "Community Health", "Mental Health",
    "Children's Hospital", "Healthcare", "Partnership",
]
COMPANY_WORDS = [
    "Medi", "Vita", "Cura", "Neuro", "Cardio", "Onco", "Derma", "Patho", "Radi", "Geno", "Sana", "Salus",
    "Clini", "Thera", "Pulse", "Lumen", "Nova", "Axis", "Helix", "Vector",
]
COMPANY_ENDINGS = ["Vision", "Logic", "Metrics", "Sense", "Path", "Works", "Labs", "Data", "Scan", "Mind"]
FIRST_NAMES = [
    "Aisha", "Alan", "Amelia", "Anil", "Bethan", "Chloe", "Daniel", "Deborah", "Eleanor", "Fatima", "Gareth",
    "Grace", "Hannah", "Imran", "James", "Jasmine", "Kate", "Liam", "Mei", "Mohammed", "Niamh", "Oliver",
    "Priya", "Rachel", "Rhys", "Samuel", "Sarah", "Tom", "Yusuf", "Zara",
]
LAST_NAMES = [
    "Ahmed", "Baker", "Campbell", "Chen", "Davies", "Edwards", "Evans", "Green", "Hughes", "Jones", "Kaur",
    "Khan", "Lewis", "Morgan", "Murphy", "Patel", "Roberts", "Robinson", "Shah", "Singh", "Smith", "Taylor",
    "Thomas", "Thompson", "Walker", "Watson", "White", "Williams", "Wilson", "Wright",
]
ROLE_TITLES = [
    "Chief Executive", "Chief Digital Officer", "Chief Clinical Information Officer", "Director of AI",
    "Programme Director", "Clinical Lead", "Chief Data Officer", "Head of Research", "Medical Director",
]
TECHNIQUES = [
    "machine learning", "deep learning", "natural language processing", "computer vision", "federated learning",
    "predictive models", "remote monitoring devices", "a shared care record", "FHIR interfaces",
    "cloud-hosted analytics", "speech recognition", "risk stratification", "robotic process automation",
]
OUTCOMES = [
    "shorten waiting times", "find disease earlier", "reduce avoidable admissions", "free up clinicians' time",
    "improve patient safety", "cut reporting backlogs", "support earlier discharge", "reduce health inequalities",
    "speed up diagnosis", "make better use of scarce specialists", "give patients more control of their care",
]
AUDIENCES = [
    "hospital trusts", "GP practices", "integrated care boards", "ambulance services", "care homes",
    "community teams", "mental health services", "patients at home", "researchers", "specialist centres",
]
PUBLISHERS = [
    "Digital Health Gazette", "Health Service Journal", "NHS Tech Review", "Clinical AI Monthly",
    "Health Data Weekly", "The Care Technology Bulletin", "Public Sector Digital", "Medical Informatics News",
]
HEADLINE_VERBS = ["launches", "expands", "funds", "evaluates", "pilots", "reports on", "scales up", "reviews"]
METRICS = [
    ("Patients reached", "patients"), ("Sites live", "sites"), ("Clinicians trained", "clinicians"),
    ("Scans analysed", "scans"), ("App logins", "logins"), ("Referrals processed", "referrals"),
    ("Hours saved", "hours"), ("Participants recruited", "participants"), ("Reports generated", "reports"),
    ("Bed days saved", "bed days"),
]
MISSION_VERBS = ["Transform", "Modernise", "Accelerate", "Connect", "Improve", "Protect", "Expand", "Personalise"]
EVENT_WORDS = {
    EventKind.LAUNCH: "launch", EventKind.ANNOUNCEMENT: "announcement", EventKind.PUBLICATION: "report published",
    EventKind.ROUNDTABLE: "roundtable", EventKind.CONFERENCE: "conference", EventKind.FUNDING: "funding decision",
    EventKind.OTHER: "milestone",
}
