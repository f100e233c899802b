"""The words of the benchmark archive: tags, sources, bylines and French news sentences.

Everything here is original text written for the archive. Sentences are templates with
slots ({org}, {produit}, {pays}…) filled by a seeded generator, so one archive size
always gives the same articles, and 100,000 articles read like a tech news site rather
than like lorem ipsum, which matters for search (real words, real frequencies) and for
page weights (accents, typographic apostrophes, non-breaking spaces).
"""

import random
import re

from articles.demo.content import french_spacing


def entries(text: str) -> list[str]:
    """One entry per line; an indented line goes on with the entry above."""
    return [" ".join(entry.split()) for entry in re.split(r"\n(?! )", text.strip())]


def listed(text: str) -> list[str]:
    """Names separated by commas, over as many lines as needed."""
    return [" ".join(name.split()) for name in text.split(",")]


# --- Tags: the first ones are the site's big topics (Zipf rank 1, 2, 3…) --------------

BIG_TAGS = listed("""
Microsoft, IA, OpenAI, Azure, Cloud, Cybersécurité, Régulation, Windows, Copilot, ChatGPT,
Entreprises, Google, Données personnelles, Open source, Semi-conducteurs, Datacenters,
Commission européenne, Nvidia, Startups, Souveraineté numérique, Apple, Amazon Web Services,
Meta, GitHub, Rançongiciels, Modèles de langage, Développeurs, Office, Teams, LinkedIn
""")
PRODUCT_TAGS = listed("""
Windows 11, Windows 10, Windows Server, Microsoft 365, Outlook, SharePoint, OneDrive, Excel,
Word, PowerPoint, Dynamics 365, Power BI, Power Platform, Visual Studio, Visual Studio Code,
.NET, TypeScript, PowerShell, Edge, Bing, Xbox, Game Pass, Surface, HoloLens, Intune, Entra
ID, Defender, Sentinel, Purview, Fabric, Azure OpenAI, Azure Arc, Azure Kubernetes Service,
Cosmos DB, SQL Server, GitHub Copilot, Codespaces, Copilot Studio, Clipchamp, Skype, GPT-4,
GPT-4o, GPT-5, o1, DALL-E, Sora, Whisper, Codex, API OpenAI, Gemini, Android, Chrome, Google
Cloud, YouTube, iPhone, macOS, iOS, Vision Pro, Llama, WhatsApp, Instagram, Claude, Mistral
AI, Hugging Face, Anthropic, xAI, Grok, Perplexity, DeepSeek, Qwen, AMD, Intel, Qualcomm,
Arm, TSMC, Samsung, Huawei, Oracle, Salesforce, SAP, IBM, Cisco, VMware, Broadcom, Red Hat,
Linux, Kubernetes, Docker, Terraform, PostgreSQL, Python, Rust, Java, JavaScript,
WebAssembly, OVHcloud, Scaleway, Orange, Free, SFR, Bouygues Telecom, Capgemini, Atos,
Thales, Dassault Systèmes, Sopra Steria, Cloudflare, Akamai, CrowdStrike, Palo Alto
Networks, Fortinet, Okta, Zscaler, Snowflake, Databricks, ServiceNow, Workday, Adobe,
Atlassian, Slack, Zoom, Dropbox, Netflix, Spotify, TikTok, X, Tesla, SpaceX, Starlink,
Alibaba, Tencent, Baidu, ByteDance, Sony, Nintendo, Activision Blizzard, Ubisoft, Epic Games
""")
TOPIC_TAGS = listed("""
IA générative, Agents IA, Apprentissage automatique, Vision par ordinateur, Traitement du
langage, Robotique, Voitures autonomes, Informatique quantique, Supercalculateurs, Puces IA,
GPU, Processeurs, Mémoire, Stockage, Réseaux, 5G, 6G, Fibre optique, Wi-Fi 7, Satellites,
Câbles sous-marins, Edge computing, Cloud hybride, Multicloud, Cloud souverain, SecNumCloud,
Migration vers le cloud, FinOps, DevOps, Plateformes low-code, API, Microservices, Bases de
données, Entrepôts de données, Analyse de données, Informatique décisionnelle, ERP, CRM,
Poste de travail, Télétravail, Collaboration, Messagerie, Visioconférence, Navigateurs,
Moteurs de recherche, Publicité en ligne, Réseaux sociaux, Jeux vidéo, Consoles, Cloud
gaming, Réalité virtuelle, Réalité augmentée, Métavers, Objets connectés, Domotique, Montres
connectées, Smartphones, PC portables, Tablettes, Écrans, Mises à jour, Fin de support,
Failles de sécurité, Correctifs, Zero day, Hameçonnage, Fuites de données, Espionnage,
Cyberattaques, Cyberdéfense, Authentification, Mots de passe, Passkeys, Zero trust,
Chiffrement, Sauvegarde, Plan de reprise, Identité numérique, Vie privée, Cookies, RGPD, AI
Act, DMA, DSA, Data Act, NIS 2, DORA, Cnil, Anssi, Arcep, Autorité de la concurrence,
Concurrence, Antitrust, Amendes, Procès, Droit d’auteur, Brevets, Fiscalité, Taxe numérique,
Marchés publics, État plateforme, Administration, Collectivités, Santé numérique, Hôpitaux,
Éducation, Universités, Recherche, Formation, Emploi, Recrutement, Compétences, Diversité,
Licenciements, Salaires, Résultats financiers, Bourse, Investissements, Levées de fonds,
Rachats, Fusions, Partenariats, Stratégie, Gouvernance, Dirigeants, Conférences, Build,
Ignite, Microsoft Inspire, VivaTech, CES, Salons, Environnement, Énergie, Nucléaire,
Consommation électrique, Refroidissement, Eau, Sobriété numérique, Empreinte carbone,
Recyclage, Réparabilité, Accessibilité, Inclusion numérique, Désinformation, Deepfakes,
Modération, Élections, Éthique, Biais, Transparence, Open data, Logiciels libres, Licences,
Tarifs, Abonnements, Assistants vocaux, Traduction automatique, Génération d’images,
Génération de vidéos, Musique générative, Code généré, Tests logiciels, Qualité logicielle,
Pannes, Incidents, Disponibilité, Performance, Benchmarks, Banque, Assurance, Industrie,
Automobile, Aéronautique, Défense, Spatial, Commerce en ligne, Paiement, Cryptomonnaies,
Blockchain, Fintech, Logistique, Agriculture, Médias, Presse, Culture, Sport, Transports,
Villes intelligentes, Chine, États-Unis, Inde, Japon, Royaume-Uni, Allemagne, France 2030,
Europe
""")
TAG_NAMES = BIG_TAGS + PRODUCT_TAGS + TOPIC_TAGS

# --- Sources: real kinds of names first, then generated ones --------------------------

KNOWN_SOURCES = [
    ("Microsoft", "https://www.microsoft.com/"),
    ("OpenAI", "https://openai.com/"),
    ("Google", "https://about.google/"),
    ("Nvidia", "https://www.nvidia.com/"),
    ("Amazon Web Services", "https://aws.amazon.com/"),
    ("Meta", "https://about.meta.com/"),
    ("Apple", "https://www.apple.com/"),
    ("Mistral AI", "https://mistral.ai/"),
    ("Anthropic", "https://www.anthropic.com/"),
    ("GitHub", "https://github.blog/"),
    ("Commission européenne", "https://commission.europa.eu/"),
    ("Cnil", "https://www.cnil.fr/"),
    ("Anssi", "https://cyber.gouv.fr/"),
    ("Arcep", "https://www.arcep.fr/"),
    ("Autorité de la concurrence", "https://www.autoritedelaconcurrence.fr/"),
    ("Insee", "https://www.insee.fr/"),
    ("AFP", "https://www.afp.com/"),
    ("Reuters", "https://www.reuters.com/"),
    ("Bloomberg", "https://www.bloomberg.com/"),
    ("La Tribune", "https://www.latribune.fr/"),
    ("Les Échos", "https://www.lesechos.fr/"),
    ("Le Monde", "https://www.lemonde.fr/"),
    ("Le Figaro", "https://www.lefigaro.fr/"),
    ("Libération", "https://www.liberation.fr/"),
    ("L’Usine nouvelle", "https://www.usinenouvelle.com/"),
    ("Le Monde Informatique", "https://www.lemondeinformatique.fr/"),
    ("The Verge", "https://www.theverge.com/"),
    ("Financial Times", "https://www.ft.com/"),
    ("The New York Times", "https://www.nytimes.com/"),
    ("The Wall Street Journal", "https://www.wsj.com/"),
    ("Gartner", "https://www.gartner.com/"),
    ("IDC", "https://www.idc.com/"),
    ("Sénat", "https://www.senat.fr/"),
    ("Assemblée nationale", "https://www.assemblee-nationale.fr/"),
    ("Cour des comptes", "https://www.ccomptes.fr/"),
    ("Bpifrance", "https://www.bpifrance.fr/"),
    ("Inria", "https://www.inria.fr/"),
    ("CNRS", "https://www.cnrs.fr/"),
]
COMPANY_STEMS = listed("""
Alto, Brume, Cobalt, Delta, Écume, Fjord, Granit, Héron, Iris, Jade, Kaolin, Lumen, Mistral,
Nacre, Onyx, Pollen, Quartz, Rivage, Saphir, Tilleul, Ubac, Vallon, Wagram, Xénon, Yuzu,
Zéphyr, Argile, Basalte, Cèdre, Dune, Ébène, Falaise, Givre, Houle, Isard, Jasmin, Lagune,
Mélèze, Noroît, Opale, Palme, Quille, Roseau, Sorbier, Torrent, Vigne, Aubier, Bruyère,
Corail, Estran
""")
COMPANY_KINDS = listed("""
Systems, Labs, Cloud, Data, Sécurité, Analytics, Logiciels, Numérique, Conseil,
Technologies, Réseaux, Robotique, Énergie, Software, Cyber, Solutions, Informatique,
Partners, Studio, Digital, Networks, Intelligence, Services, Infogérance, Ingénierie
""")
CITIES = listed("""
Paris, Lyon, Marseille, Toulouse, Bordeaux, Nantes, Lille, Rennes, Grenoble, Strasbourg,
Montpellier, Nice, Brest, Dijon, Angers, Tours, Clermont-Ferrand, Rouen, Metz, Caen,
Limoges, Poitiers, Pau, Nancy, Besançon, Orléans, Reims, Amiens, Perpignan, Annecy, Avignon,
Nîmes, Toulon, Le Havre, Saint-Étienne, Valence, Lorient, Quimper, Bayonne, Troyes
""")
MEDIA_PATTERNS = entries("""
Le Journal {x}
{x} Hebdo
La Lettre {x}
{x} Actu
Le Courrier de {city}
L’Écho numérique de {city}
{x} Magazine
Les Cahiers {x}
Radio {city} Tech
{city} Matin Numérique
""")
INSTITUTION_PATTERNS = entries("""
Université de {city}
Chambre de commerce de {city}
Pôle numérique de {city}
Métropole de {city}
Observatoire {x} du numérique
Institut {x} de recherche
Fondation {x}
Club des DSI de {city}
Campus cyber de {city}
Association {x} pour l’IA
""")

# --- Bylines -------------------------------------------------------------------------

FIRST_NAMES = listed("""
Claire, Julien, Amélie, Mathieu, Inès, Théo, Léa, Hugo, Camille, Nicolas, Sarah, Karim,
Élodie, Antoine, Nadia, Pierre, Manon, Yanis, Chloé, Thomas, Sophie, Rémi, Aurélie, Maxime,
Laura
""")
LAST_NAMES = listed("""
Martin, Lefèvre, Dubois, Moreau, Girard, Rousseau, Faure, Haddad, Bernard, Petit, Durand,
Leroy, Roux, Fournier, Mercier, Blanc, Guérin, Benali, Chevalier, Lambert, Bonnet, Garnier,
Nguyen, Perrin, Morel
""")


# --- Who an article is about ---------------------------------------------------------
# Each article is about one company (drawn with these weights: a site following
# Microsoft, OpenAI and Azure first) and names only its products. Sentences naming a
# company outright ("le cloud Azure", "Sam Altman") go only into that company's articles
# (BRANDS): a search for "microsoft azure" then finds about a third of the archive, as it
# would on such a site, not every article.

SUBJECTS = {
    "Microsoft": 30, "OpenAI": 14, "Google": 7, "Nvidia": 5, "Amazon": 5, "Meta": 4,
    "Apple": 4, "Mistral AI": 4, "Anthropic": 3, "GitHub": 3, "IBM": 2, "Oracle": 2,
    "Salesforce": 2, "SAP": 2, "OVHcloud": 2, "Orange": 2, "Intel": 2, "AMD": 2,
    "Samsung": 2, "Capgemini": 1, "Qualcomm": 1,
}  # fmt: skip
PRODUCTS = {
    "Microsoft": listed("""
        Azure, Azure, Azure, Copilot, Copilot, Teams, Windows 11, Microsoft 365, Outlook, Edge,
        Bing, Entra ID, Defender, Power BI, Azure OpenAI, Fabric, Dynamics 365, Xbox Cloud Gaming
    """),
    "OpenAI": listed("ChatGPT, ChatGPT, GPT-4o, GPT-5, o1, Sora, Codex, Whisper"),
    "Google": listed("Gemini, Google Cloud, Android, Chrome, Workspace"),
    "Nvidia": listed("CUDA, DGX Cloud, Blackwell, GeForce Now"),
    "Amazon": listed("AWS, Alexa, Bedrock"),
    "Meta": listed("Llama, WhatsApp, Instagram, Messenger"),
    "Apple": listed("iOS, macOS, Apple Intelligence, iCloud"),
    "Mistral AI": listed("Mistral Large, Codestral, Pixtral"),
    "Anthropic": listed("Claude, Claude Code"),
    "GitHub": listed("GitHub Copilot, Codespaces, Actions"),
    "IBM": listed("watsonx, Granite"),
    "Oracle": listed("Oracle Cloud, Oracle Database"),
    "Salesforce": listed("Agentforce, Slack, Tableau"),
    "SAP": listed("S/4HANA, Joule"),
    "OVHcloud": listed("Bare Metal Cloud, Public Cloud"),
    "Orange": listed("Orange Business, Livebox"),
    "Intel": listed("Core Ultra, Xeon, Gaudi"),
    "AMD": listed("Ryzen AI, Instinct, EPYC"),
    "Samsung": listed("Galaxy AI, Exynos"),
    "Capgemini": listed("Capgemini Invent, Sogeti"),
    "Qualcomm": listed("Snapdragon X, Snapdragon 8"),
}
# Words that tie a sentence to a company; a sentence with none fits any article.
BRANDS = {
    "Microsoft": "Microsoft", "Azure": "Microsoft", "Copilot": "Microsoft",
    "Windows": "Microsoft", "Teams": "Microsoft", "Outlook": "Microsoft", "Edge": "Microsoft",
    "Bing": "Microsoft", "Redmond": "Microsoft", "Satya Nadella": "Microsoft",
    "Recall": "Microsoft", "Patch Tuesday": "Microsoft", "OpenAI": "OpenAI",
    "ChatGPT": "OpenAI", "Sam Altman": "OpenAI", "GitHub": "GitHub", "Nvidia": "Nvidia",
    "Mistral AI": "Mistral AI", "Orange": "Orange", "Capgemini": "Capgemini", "Meta": "Meta",
}  # fmt: skip


def brands(template: str) -> set[str]:
    """The companies a template names outright."""
    return {company for word, company in BRANDS.items() if word in template}


def fits(template: str, subject: str) -> bool:
    named = brands(template)
    return not named or subject in named


# --- Slots of the sentence templates -------------------------------------------------

SLOTS = {
    "institution": [
        "la Commission européenne",
        "la Cnil",
        "l’Anssi",
        "l’Arcep",
        "l’Autorité de la concurrence",
        "le Parlement européen",
        "le gouvernement",
        "Bercy",
        "le Sénat",
        "la Cour de justice de l’Union européenne",
        "le ministère des Armées",
        "la FTC américaine",
    ],
    "sujet": [
        "l’intelligence artificielle générative",
        "la cybersécurité",
        "le cloud souverain",
        "la protection des données personnelles",
        "la régulation des grandes plateformes",
        "les agents IA",
        "la souveraineté numérique",
        "les rançongiciels",
        "la consommation électrique des datacenters",
        "les modèles de langage",
        "la migration vers le cloud",
        "l’open source",
        "les semi-conducteurs",
        "la formation des développeurs",
        "le poste de travail hybride",
    ],
    "pays": [
        "France",
        "Allemagne",
        "Espagne",
        "Italie",
        "Pologne",
        "Suède",
        "Irlande",
        "Belgique",
        "Suisse",
        "Inde",
        "Japon",
    ],
    "ville": CITIES[:16],
    "clients": [
        "les PME",
        "les grands comptes",
        "les collectivités",
        "les hôpitaux",
        "les banques",
        "les administrations",
        "les industriels",
        "les développeurs",
        "les écoles",
        "les distributeurs",
        "les assureurs",
        "les start-up",
    ],
    "n": ["deux", "trois", "quatre", "cinq", "six", "huit", "dix", "douze", "quinze", "vingt"],
    "pct": ["3", "5", "8", "12", "15", "18", "22", "27", "30", "35", "40", "45", "60"],
    "montant": [
        "1,5 milliard",
        "2 milliards",
        "3,2 milliards",
        "4 milliards",
        "500 millions",
        "750 millions",
        "10 milliards",
        "80 millions",
        "120 millions",
        "13 milliards",
    ],
    "personne": [
        "le directeur général",
        "la directrice technique",
        "le responsable de la sécurité",
        "la présidente pour la France",
        "un porte-parole",
        "le directeur financier",
        "la vice-présidente chargée du cloud",
        "un ingénieur de l’équipe",
        "la responsable de l’IA",
        "le directeur des partenariats",
    ],
}

SENTENCES = entries("""
{org} a annoncé mardi une nouvelle version de {produit} destinée à {clients}.
Selon {personne} de {org}, {produit} compte désormais plusieurs millions d’utilisateurs
    actifs chaque mois.
La nouvelle région Azure en {pays} doit ouvrir d’ici la fin de l’année, avec trois zones de
    disponibilité.
Microsoft investit {montant} d’euros dans ses centres de données en {pays} pour répondre à
    la demande en IA.
Les clients d’Azure pourront choisir où sont stockées et traitées leurs données, une
    exigence de {clients}.
Le service {produit} s’appuie sur des modèles d’OpenAI hébergés dans le cloud Azure.
OpenAI affirme que son dernier modèle commet {pct} % d’erreurs de moins sur les tâches de
    raisonnement.
{institution} a ouvert une enquête sur les conditions d’utilisation de {produit}.
Dans un avis publié jeudi, {institution} rappelle que {sujet} ne peut se passer de règles
    claires.
Les entreprises européennes s’interrogent sur {sujet} et sur leur dépendance aux
    fournisseurs américains.
Une faille critique de {produit} a été corrigée lors du dernier Patch Tuesday de Microsoft.
Les chercheurs en sécurité recommandent d’appliquer le correctif sans attendre, la faille
    étant déjà exploitée.
Le groupe de rançongiciel revendique l’attaque et menace de publier les données volées d’ici
    {n} jours.
L’Anssi constate une hausse de {pct} % des incidents signalés par {clients} en un an.
{org} promet que les données des clients ne serviront pas à entraîner ses modèles.
Le prix de l’abonnement à {produit} augmentera de {pct} % pour {clients} à partir du mois
    prochain.
La firme de Redmond mise sur Copilot pour convaincre {clients} de passer à Microsoft 365.
D’après le cabinet IDC, le marché du cloud public progresse de {pct} % par an en Europe.
Les dépenses en infrastructures d’IA atteindront {montant} de dollars cette année, selon
    Gartner.
Satya Nadella a répété que chaque application serait bientôt réinventée par l’IA.
Sam Altman a reconnu que la puissance de calcul restait le principal frein au déploiement de
    nouveaux modèles.
Le partenariat entre Microsoft et OpenAI fait l’objet d’un examen attentif de {institution}.
Avec {produit}, {org} veut réduire de moitié le temps consacré aux tâches répétitives.
Les premiers retours de {clients} font état de gains de productivité encore difficiles à
    mesurer.
Les développeurs peuvent déjà tester la fonction en préversion dans {produit}.
La disponibilité générale est prévue pour le printemps, d’abord en anglais puis en français.
À {ville}, un datacenter de nouvelle génération doit récupérer la chaleur des serveurs pour
    chauffer un quartier.
La consommation d’eau des centres de données d’Azure a augmenté de {pct} % en un an.
Microsoft s’est engagé à être négatif en carbone d’ici 2030, un objectif que l’essor de l’IA
    rend plus difficile.
Le règlement européen sur l’IA impose aux fournisseurs de modèles une documentation
    détaillée de leurs données d’entraînement.
Le DMA oblige les contrôleurs d’accès à ouvrir leurs services à la concurrence.
Bruxelles pourrait infliger une amende allant jusqu’à {pct} % du chiffre d’affaires mondial
    de l’entreprise.
{org} conteste l’analyse de {institution} et envisage un recours.
Le nombre d’utilisateurs hebdomadaires de ChatGPT dépasse désormais plusieurs centaines de
    millions.
L’assistant sait résumer une réunion Teams, rédiger un courriel dans Outlook ou analyser un
    tableau Excel.
Les administrateurs gardent la main : la fonction peut être désactivée pour tout ou partie
    de l’organisation.
Windows 10 ne recevra plus de mises à jour de sécurité gratuites, ce qui pousse {clients} à
    renouveler leur parc.
Le recours au cloud hybride reste la norme chez {clients}, qui conservent une partie de
    leurs serveurs.
Azure Arc permet de gérer depuis une seule console des serveurs installés sur site et dans
    d’autres clouds.
Le chiffre d’affaires d’Azure et des autres services cloud a progressé de {pct} % sur le
    trimestre.
Les analystes attendaient une croissance légèrement supérieure, et le titre a reculé après
    l’annonce.
{org} annonce la suppression de plusieurs centaines de postes dans ses équipes commerciales.
Les nouvelles puces conçues par {org} doivent réduire la dépendance aux GPU de Nvidia.
Nvidia reste le fournisseur incontournable des processeurs graphiques utilisés pour
    entraîner les modèles.
Les agents IA peuvent enchaîner plusieurs actions, comme réserver une salle puis envoyer une
    invitation.
Ces agents soulèvent de nouvelles questions de sécurité, notamment sur les droits qui leur
    sont accordés.
Une attaque par injection de prompt a permis d’extraire des informations confidentielles de
    l’assistant.
{org} a versé une prime de plusieurs milliers de dollars à la chercheuse qui a signalé la
    faille.
Le code source de l’outil est publié sous licence MIT sur GitHub.
La communauté open source a salué l’initiative tout en demandant davantage de transparence.
Mistral AI a levé {montant} d’euros pour développer des modèles européens.
Les start-up françaises de l’IA attirent des investisseurs venus des États-Unis et du Golfe.
Le gouvernement présentera sa stratégie nationale pour {sujet} au début de l’année
    prochaine.
La qualification SecNumCloud reste un passage obligé pour héberger les données sensibles de
    l’État.
Bleu, la coentreprise d’Orange et de Capgemini, doit proposer les services de Microsoft dans
    un cloud de confiance.
Les hôpitaux restent une cible privilégiée des cybercriminels, faute de moyens suffisants.
L’authentification multifacteur aurait permis d’éviter la plupart des intrusions recensées.
Microsoft généralise les clés d’accès pour remplacer les mots de passe sur ses comptes grand
    public.
Le navigateur Edge intègre désormais un mode qui bloque les publicités trompeuses générées
    par IA.
Le moteur Bing répond aux questions en citant ses sources, une fonction inspirée de ChatGPT.
GitHub Copilot suggère aujourd’hui près de la moitié du code écrit par les développeurs qui
    l’utilisent.
Les écoles d’ingénieurs adaptent leurs cursus pour enseigner l’usage responsable des
    assistants de code.
{n} syndicats demandent que le déploiement de {produit} fasse l’objet d’une consultation du
    personnel.
La mise à jour sera déployée progressivement sur {n} semaines à l’ensemble des clients.
Une panne mondiale de {produit} a perturbé des milliers d’entreprises pendant plusieurs
    heures.
Microsoft attribue l’incident à une modification de configuration réseau, annulée depuis.
Le rapport d’incident promet de nouveaux garde-fous pour éviter qu’une telle panne ne se
    reproduise.
Les modèles plus petits, moins gourmands, intéressent {clients} qui veulent les exécuter sur
    leurs propres serveurs.
La version open source du modèle peut tourner sur un simple PC portable équipé d’une puce
    récente.
Les PC Copilot+ embarquent un processeur neuronal capable de plus de 40 000 milliards
    d’opérations par seconde.
La fonction Recall, critiquée pour ses risques sur la vie privée, a été revue et rendue
    facultative.
Le Data Act européen facilitera le changement de fournisseur de cloud en limitant les frais
    de sortie.
Les frais de sortie des données, longtemps dénoncés par {clients}, seront supprimés en
    Europe.
{org} et {institution} ont signé un accord pour former des milliers de demandeurs d’emploi
    au numérique.
La plateforme Azure AI Foundry réunit plus de mille modèles, dont ceux de Mistral AI et de
    Meta.
Les entreprises peuvent comparer les modèles sur leurs propres données avant de choisir.
Le coût d’une requête à un grand modèle a été divisé par {n} en deux ans.
Les régulateurs britanniques examinent aussi les investissements des géants du cloud dans
    les start-up d’IA.
Cette décision pourrait faire jurisprudence pour l’ensemble du secteur.
Reste à savoir si {clients} suivront, alors que les budgets informatiques stagnent.
Contactée par la rédaction, l’entreprise {org} n’a pas souhaité commenter ces informations.
« Nous voulons que chacun puisse en profiter en toute sécurité », a déclaré {personne} de
    {org}.
« La confiance ne se décrète pas, elle se construit », estime {personne} de {org}.
« Nous n’en sommes qu’au début », a résumé {personne} de {org} lors d’une conférence à
    {ville}.
""")

TITLES = entries("""
{org} lance une nouvelle version de {produit}
{produit} : {org} promet des gains de productivité à {clients}
Azure ouvre une région cloud en {pays}
Microsoft investit {montant} d’euros en {pays}
{institution} enquête sur {produit}
Faille critique dans {produit} : le correctif est disponible
Cybersécurité : {clients} face à la vague de rançongiciels
OpenAI présente un modèle plus rapide et moins cher
ChatGPT franchit un nouveau cap d’utilisateurs
Copilot s’invite chez {clients}
Le prix de {produit} augmente de {pct} %
{org} supprime des postes dans ses équipes commerciales
Les résultats d’Azure dépassent les attentes
Régulation : {institution} durcit le ton face à {org}
IA générative : ce que change le règlement européen
Panne de {produit} : Microsoft explique l’incident
À {ville}, un datacenter chauffe un quartier
{org} mise sur les agents IA
Souveraineté numérique : {clients} cherchent des alternatives
Mistral AI lève {montant} d’euros
Windows 10 : la fin du support approche pour {clients}
GitHub Copilot écrit la moitié du code de ses utilisateurs
{org} et {institution} signent un partenariat sur {sujet}
Microsoft et OpenAI : un partenariat sous surveillance
Les frais de sortie du cloud supprimés en Europe
{produit} disponible en français
Ce que {org} a annoncé à sa conférence de {ville}
Les puces maison de {org} défient Nvidia
Données personnelles : {institution} rappelle les règles à {org}
Le cloud public progresse de {pct} % en Europe
""")

STANDFIRSTS = entries("""
{org} étend {produit} à {clients}, avec une promesse : gagner du temps sans sacrifier la
    sécurité des données.
{institution} s’intéresse de près à {produit}. En jeu : {sujet} et la place des géants
    américains en Europe.
Le correctif publié par Microsoft comble une faille déjà exploitée. Les administrateurs sont
    invités à l’appliquer sans attendre.
Azure poursuit son expansion en {pays} : {montant} d’euros d’investissement et de nouvelles
    zones de disponibilité annoncées.
OpenAI affirme avoir réduit de {pct} % les erreurs de son modèle, qui sera proposé dans
    ChatGPT et dans Azure OpenAI.
Sur fond de débat sur {sujet}, {clients} revoient leurs contrats avec les fournisseurs de
    cloud.
Le trimestre confirme la dynamique du cloud chez {org}, portée par la demande en
    intelligence artificielle.
Plusieurs heures d’interruption ont touché {produit}. {org} promet de nouveaux garde-fous.
Agents, modèles plus petits, prix en baisse : {org} détaille sa feuille de route pour
    {sujet}.
À {ville}, {clients} découvrent ce que l’IA générative change déjà à leur quotidien.
""")

INTERTITLES = entries("""
Un calendrier serré
Ce qui change pour les entreprises
La question des données
Des concurrents en embuscade
Une réponse aux régulateurs
Le prix de l’IA
Des garde-fous attendus
Les développeurs en première ligne
Un marché en pleine croissance
Ce qu’en disent les clients
La sécurité avant tout
L’Europe veut peser
Des gains encore à prouver
Une dépendance qui inquiète
Le rôle d’Azure
Et maintenant ?
Les limites du modèle
Un pari industriel
Le défi énergétique
Ce que dit le texte
""")

LIST_ITEMS = entries("""
une disponibilité dans {n} nouvelles régions Azure ;
le chiffrement des données au repos et en transit ;
des journaux d’audit conservés pendant un an ;
la prise en charge de l’authentification multifacteur ;
une tarification à l’usage, sans engagement ;
un accès en préversion pour {clients} ;
des modèles hébergés en Europe ;
une intégration avec Teams et Outlook ;
le respect du RGPD et de l’AI Act ;
un support en français ;
des quotas relevés pour {clients} ;
une console d’administration unifiée.
""")

LINKS = [
    ("https://learn.microsoft.com/fr-fr/azure/", "la documentation d’Azure"),
    ("https://openai.com/fr-FR/", "le site d’OpenAI"),
    ("https://www.cnil.fr/fr/intelligence-artificielle", "les recommandations de la Cnil"),
    ("https://cyber.gouv.fr/publications", "les publications de l’Anssi"),
    ("https://commission.europa.eu/", "le site de la Commission européenne"),
    ("https://github.blog/", "le blog de GitHub"),
]

HERO_CREDIT = "Illustration : newsroom"

ELISION = re.compile(r"\b([Dd]e|[Qq]ue) ([AEIOUÉaeiouéY])")
# "à les PME" is "aux PME", "de le gouvernement" is "du gouvernement".
CONTRACTIONS = {"à les ": "aux ", "de les ": "des ", "à le ": "au ", "de le ": "du "}
CONTRACTION = re.compile("|".join(rf"\b{key}" for key in CONTRACTIONS))


def fill(template: str, rng: random.Random, subject: str) -> str:
    """The template about `subject`, other slots drawn at random, in correct French: "de
    OpenAI" is elided to "d’OpenAI", "à les PME" contracted to "aux PME", the first
    letter a capital."""
    values = {name: rng.choice(values) for name, values in SLOTS.items()}
    values.update(org=subject, produit=rng.choice(PRODUCTS[subject]))
    text = template.format_map(values)
    text = CONTRACTION.sub(lambda m: CONTRACTIONS[m.group(0)], text)
    text = ELISION.sub(lambda m: f"{m.group(1)[0]}’{m.group(2)}", text)
    return french_spacing(text[0].upper() + text[1:])
