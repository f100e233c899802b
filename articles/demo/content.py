"""The demo newsroom's texts: original French articles written for this project.

Every sentence here was written for newsroom; none is copied from a publication. The
facts are plausible tech news told in our own words, and quotations come from unnamed
people, never from real, named persons.

Dates are relative: `when` is (days from today, "HH:MM" Paris time). For a published
article it is the publication time; for the others, the last edit. Sources are
(source slug, exact page or "").
"""

import re

AUTHORS = [
    {
        "slug": "claire-martin",
        "username": "cmartin",
        "name": "Claire Martin",
        "bio": (
            "Rédactrice en chef adjointe, Claire Martin suit Microsoft et le marché du cloud "
            "depuis une quinzaine d'années. Elle s'intéresse surtout à ce que les annonces "
            "changent concrètement pour les DSI et leurs équipes."
        ),
    },
    {
        "slug": "karim-haddad",
        "username": "khaddad",
        "name": "Karim Haddad",
        "bio": (
            "Journaliste spécialisé en intelligence artificielle, Karim Haddad couvre OpenAI, "
            "les modèles de langage et leurs usages en entreprise. Ancien développeur, il teste "
            "les outils avant d'en parler."
        ),
    },
    {
        "slug": "elise-moreau",
        "username": "emoreau",
        "name": "Élise Moreau",
        "bio": (
            "Élise Moreau traite de cybersécurité et de régulation du numérique, de Bruxelles "
            "aux salles serveurs. Elle suit de près les travaux de l'ANSSI et de la Commission "
            "européenne."
        ),
    },
]

SOURCES = [
    {"slug": "microsoft", "name": "Microsoft", "url": "https://www.microsoft.com/"},
    {"slug": "openai", "name": "OpenAI", "url": "https://openai.com/"},
    {"slug": "la-tribune", "name": "La Tribune", "url": "https://www.latribune.fr/"},
    {
        "slug": "le-monde-informatique",
        "name": "Le Monde Informatique",
        "url": "https://www.lemondeinformatique.fr/",
    },
    {
        "slug": "commission-europeenne",
        "name": "Commission européenne",
        "url": "https://commission.europa.eu/",
    },
    {"slug": "anssi", "name": "ANSSI", "url": "https://cyber.gouv.fr/"},
    {"slug": "github", "name": "GitHub", "url": "https://github.com/"},
]

# Tag name as it should be spelled -> the introduction shown on the tag's page.
TAGS = {
    "IA": (
        "L'intelligence artificielle dans le quotidien des entreprises et du grand public : "
        "modèles de langage, assistants, agents, et les questions qu'ils soulèvent."
    ),
    "Microsoft": (
        "Stratégie, produits et résultats de Microsoft, de Windows à Copilot en passant par "
        "GitHub et Microsoft 365."
    ),
    "OpenAI": (
        "Les modèles, les produits et les choix stratégiques d'OpenAI, l'éditeur de ChatGPT, "
        "et ses relations avec ses partenaires."
    ),
    "Azure": (
        "Le cloud de Microsoft : régions, services d'IA, tarifs et retours d'expérience de ceux "
        "qui l'exploitent au quotidien."
    ),
    "Sécurité": (
        "Vulnérabilités, correctifs, menaces et bonnes pratiques : ce qu'il faut savoir pour "
        "protéger postes, serveurs et données."
    ),
    "Cloud": (
        "Infrastructures, souveraineté, coûts et migrations : le marché du cloud vu depuis la "
        "France et l'Europe."
    ),
    "Windows": (
        "Le système d'exploitation de Microsoft, ses mises à jour, son cycle de vie et sa "
        "gestion en entreprise."
    ),
    "Régulation": (
        "AI Act, DMA, RGPD, qualifications de l'ANSSI : les règles qui encadrent le numérique "
        "et la façon dont elles s'appliquent."
    ),
    "Open source": (
        "Logiciels et modèles ouverts, licences, communautés, et la place du libre dans les "
        "stratégies des grands éditeurs."
    ),
}

# Other names editors type, or wire copy uses, for a tag.
TAG_ALIASES = {
    "IA": ["intelligence artificielle", "AI"],
    "OpenAI": ["Open AI", "Open IA"],
    "Sécurité": ["cybersécurité"],
    "Régulation": ["réglementation"],
}

ARTICLES = [
    {
        "slug": "copilot-gagne-les-offres-bureautiques-des-pme",
        "title": "Copilot gagne les offres bureautiques destinées aux PME",
        "standfirst": (
            "Microsoft ouvre son assistant d'IA générative aux abonnements Microsoft 365 des "
            "petites et moyennes entreprises. Un pas de plus pour faire de Copilot un réflexe "
            "quotidien, et plus seulement un outil de grands comptes."
        ),
        "body": """
<p>Longtemps cantonné aux contrats des grandes organisations, Copilot se fait une place dans
les formules Microsoft 365 pensées pour les structures de quelques dizaines de salariés.
L'assistant peut y résumer un fil de courriels, proposer un premier jet de présentation ou
retrouver une information enfouie dans un tableur partagé.</p>
<h2>Ce qui change pour les utilisateurs</h2>
<p>Concrètement, l'assistant apparaît dans les applications déjà ouvertes toute la journée :</p>
<ul>
<li>dans Outlook, pour trier et résumer les échanges ;</li>
<li>dans Word et PowerPoint, pour rédiger ou remettre en forme un document ;</li>
<li>dans Teams, pour produire un compte rendu de réunion avec les décisions prises.</li>
</ul>
<p>La documentation publiée sur <a href="https://learn.microsoft.com/fr-fr/">Microsoft
Learn</a> insiste sur un point : Copilot n'accède qu'aux contenus que l'utilisateur a déjà le
droit de consulter. D'où l'intérêt de faire le ménage dans les droits de partage avant de
l'activer.</p>
<h2>Le vrai chantier : la gouvernance des données</h2>
<blockquote><p>Le plus long n'a pas été d'activer les licences, mais de découvrir qui avait
accès à quoi sur nos espaces partagés.</p></blockquote>
<p>Ce constat d'un responsable informatique d'une PME industrielle de la région lyonnaise
résume l'enjeu. Selon La Tribune, nombre de dirigeants voient dans l'assistant un moyen de
gagner du temps sur les tâches administratives, mais hésitent encore sur le retour sur
investissement.</p>
""",
        "tags": ["Microsoft", "IA"],
        "authors": ["claire-martin"],
        "sources": [("microsoft", ""), ("la-tribune", "")],
        "when": (-1, "09:15"),
    },
    {
        "slug": "azure-muscle-ses-centres-de-donnees-francais-pour-l-ia",
        "title": "Azure muscle ses centres de données français pour les charges d'IA",
        "standfirst": (
            "Microsoft ajoute des capacités de calcul dans ses régions cloud françaises, avec "
            "davantage de serveurs équipés d'accélérateurs graphiques. Objectif : permettre aux "
            "clients d'entraîner et d'exécuter leurs modèles sans que les données quittent le "
            "territoire."
        ),
        "body": """
<p>La demande de calcul pour l'intelligence artificielle ne faiblit pas, et les fournisseurs
de cloud courent après les capacités. Microsoft indique étendre les équipements de ses
régions France Centre et France Sud, en mettant l'accent sur les machines virtuelles dotées
d'accélérateurs graphiques.</p>
<h2>Réduire les listes d'attente</h2>
<p>Depuis plusieurs trimestres, des clients européens se plaignent de quotas difficiles à
obtenir pour les instances les plus puissantes. Selon Le Monde Informatique, certaines
équipes de data science ont dû se rabattre sur des régions situées hors de France, au prix
de contraintes juridiques supplémentaires.</p>
<h2>Une question d'énergie autant que de serveurs</h2>
<p>Ajouter des accélérateurs suppose d'alimenter et de refroidir des baies bien plus denses
qu'auparavant. L'éditeur met en avant ses contrats d'achat d'électricité bas carbone, sans
détailler la consommation attendue des nouvelles salles.</p>
<p>Les services disponibles sont listés région par région sur
<a href="https://azure.microsoft.com/fr-fr/">le site d'Azure</a>. Microsoft n'a pas
annoncé de changement de sa grille tarifaire à cette occasion.</p>
""",
        "tags": ["Azure", "Cloud", "IA"],
        "authors": ["claire-martin"],
        "sources": [
            ("microsoft", "https://azure.microsoft.com/fr-fr/"),
            ("le-monde-informatique", ""),
        ],
        "when": (-3, "14:30"),
    },
    {
        "slug": "openai-mise-sur-des-modeles-qui-prennent-le-temps-de-raisonner",
        "title": "OpenAI mise sur des modèles qui prennent le temps de raisonner",
        "standfirst": (
            "Plutôt que de répondre du tac au tac, les modèles de raisonnement d'OpenAI "
            "consacrent davantage de calcul à décomposer un problème. Les résultats progressent "
            "en mathématiques et en programmation, mais la facture aussi."
        ),
        "body": """
<p>Le principe est simple à énoncer : avant de produire sa réponse, le modèle génère une
série d'étapes intermédiaires, un peu comme un élève qui pose son raisonnement au brouillon.
OpenAI présente cette famille de modèles comme plus fiable sur les tâches qui demandent
plusieurs étapes logiques.</p>
<h2>Plus lent, plus cher, plus juste</h2>
<p>Ce gain se paie en temps de réponse et en calcul. Pour les développeurs qui passent par
l'API, la facture dépend aussi de ces jetons de raisonnement, invisibles dans la réponse
finale mais bien comptabilisés.</p>
<ul>
<li>Les tâches de code et d'analyse de données en profitent nettement.</li>
<li>Les questions factuelles simples n'y gagnent presque rien.</li>
<li>Le choix du modèle devient une décision d'architecture à part entière.</li>
</ul>
<h2>Un débat sur la transparence</h2>
<p>OpenAI ne montre qu'un résumé du raisonnement, pas son intégralité, ce qui agace une
partie des chercheurs. La <a href="https://platform.openai.com/docs">documentation de la
plateforme</a> détaille les réglages qui permettent de limiter l'effort de réflexion, et donc
la dépense.</p>
""",
        "tags": ["OpenAI", "IA"],
        "authors": ["karim-haddad"],
        "sources": [("openai", "https://openai.com/news/")],
        "when": (-5, "11:00"),
    },
    {
        "slug": "ai-act-ce-qui-change-pour-les-modeles-d-ia-a-usage-general",
        "title": "AI Act : ce qui change pour les fournisseurs de modèles d'IA à usage général",
        "standfirst": (
            "Le règlement européen sur l'intelligence artificielle impose des obligations aux "
            "éditeurs de grands modèles. Documentation technique, droit d'auteur, transparence "
            "sur les données d'entraînement : tour d'horizon."
        ),
        "body": """
<p>Adopté après de longues négociations, l'AI Act entre en application par étapes. Le volet
consacré aux modèles d'IA à usage général, ceux qui servent de socle à une multitude
d'applications, concerne directement OpenAI, Microsoft, Mistral AI et leurs concurrents.</p>
<h2>Trois obligations principales</h2>
<ul>
<li>tenir à jour une documentation technique à destination des autorités et des entreprises
qui intègrent le modèle ;</li>
<li>mettre en place une politique de respect du droit d'auteur européen ;</li>
<li>publier un résumé suffisamment détaillé des contenus utilisés pour l'entraînement.</li>
</ul>
<p>Les modèles jugés à « risque systémique », en raison de leur puissance, doivent en plus
être évalués, soumis à des tests adverses, et leurs incidents graves signalés.</p>
<h2>Un code de bonnes pratiques en guise de mode d'emploi</h2>
<p>Pour aider les fournisseurs à s'y retrouver, la Commission européenne a piloté la
rédaction d'un code de bonnes pratiques auquel les éditeurs peuvent adhérer. D'après La
Tribune, tous les grands acteurs ne lui ont pas réservé le même accueil.</p>
<p>Le règlement complet se consulte sur <a href="https://eur-lex.europa.eu/">EUR-Lex</a>, le
portail officiel du droit de l'Union.</p>
""",
        "tags": ["Régulation", "IA"],
        "authors": ["elise-moreau"],
        "sources": [
            ("commission-europeenne", "https://digital-strategy.ec.europa.eu/fr"),
            ("la-tribune", ""),
        ],
        "when": (-8, "10:20"),
    },
    {
        "slug": "ia-generative-ce-que-recommande-l-anssi",
        "title": "IA générative : ce que recommande l'ANSSI pour sécuriser les déploiements",
        "standfirst": (
            "Un assistant branché sur les documents internes est aussi une nouvelle porte "
            "d'entrée pour un attaquant. Le guide de l'ANSSI passe en revue les risques propres "
            "à ces systèmes, de l'entraînement à la production."
        ),
        "body": """
<p>Les entreprises connectent de plus en plus leurs assistants conversationnels à leurs
messageries, à leurs bases documentaires, voire à leurs outils métier. C'est le point de
départ du guide de l'ANSSI consacré à la sécurité des systèmes d'IA générative.</p>
<h2>Des menaces spécifiques</h2>
<p>Le document distingue plusieurs familles d'attaques :</p>
<ul>
<li>l'empoisonnement des données d'entraînement ;</li>
<li>l'injection d'instructions malveillantes cachées dans un document ou une page web ;</li>
<li>l'extraction d'informations confidentielles à partir des réponses du modèle.</li>
</ul>
<h2>Cloisonner et journaliser</h2>
<p>Parmi les mesures mises en avant : séparer les environnements d'entraînement et de
production, limiter les droits du modèle sur les autres applications et conserver des
journaux exploitables en cas d'incident. Le guide déconseille aussi de laisser un système
d'IA déclencher seul une action sensible.</p>
<p>Les publications de l'agence sont disponibles sur <a href="https://cyber.gouv.fr/">son
site</a>, avec d'autres guides consacrés au cloud et à l'administration sécurisée.</p>
""",
        "tags": ["Sécurité", "IA"],
        "authors": ["elise-moreau"],
        "sources": [("anssi", "")],
        "when": (-10, "15:45"),
    },
    {
        "slug": "fin-du-support-de-windows-10-les-options-des-entreprises",
        "title": "Fin du support de Windows 10 : les options qui restent aux entreprises",
        "standfirst": (
            "Sans correctifs de sécurité gratuits, les postes encore sous Windows 10 deviennent "
            "une cible de choix. Migration, mises à jour payantes ou renouvellement du parc : "
            "chaque option a son prix."
        ),
        "body": """
<p>Windows 10 ne reçoit plus de mises à jour de sécurité dans le cadre du support standard.
Une part non négligeable des ordinateurs professionnels tourne pourtant encore sur ce
système, souvent parce que leur matériel ne répond pas aux exigences de Windows 11.</p>
<h2>Trois voies possibles</h2>
<ul>
<li><strong>Migrer vers Windows 11</strong> quand le matériel le permet, ce qui reste la
solution la plus simple.</li>
<li><strong>Souscrire aux mises à jour de sécurité étendues</strong> (ESU), un programme
payant et limité dans le temps.</li>
<li><strong>Renouveler les machines</strong> trop anciennes, éventuellement au profit de
postes virtualisés.</li>
</ul>
<p>Selon Le Monde Informatique, beaucoup de DSI combinent ces approches : migration rapide
pour les postes récents, extension temporaire pour les applications métier qui ne sont pas
encore certifiées.</p>
<h2>Le risque d'attendre</h2>
<p>Une faille découverte sur Windows 10 ne sera plus corrigée pour les machines hors
programme ESU. Les équipes de sécurité recommandent au minimum d'isoler ces postes du réseau
principal et d'en tenir un inventaire précis. Le calendrier officiel figure sur
<a href="https://learn.microsoft.com/fr-fr/lifecycle/">les pages de cycle de vie de
Microsoft</a>.</p>
""",
        "tags": ["Windows", "Microsoft", "Sécurité"],
        "authors": ["claire-martin"],
        "sources": [
            ("microsoft", "https://learn.microsoft.com/fr-fr/lifecycle/"),
            ("le-monde-informatique", ""),
        ],
        "when": (-12, "09:05"),
        "notes": [
            (
                "update",
                (1, "11:40"),
                "Ajout du lien vers le calendrier officiel de Microsoft et des "
                "recommandations pour les postes qui restent hors programme ESU.",
            )
        ],
    },
    {
        "slug": "microsoft-et-openai-redessinent-leur-alliance",
        "title": "Microsoft et OpenAI redessinent les contours de leur alliance",
        "standfirst": (
            "Les deux partenaires ont revu les termes de l'accord qui les lie depuis 2019. "
            "Accès aux modèles, exclusivité cloud, propriété intellectuelle : l'équilibre des "
            "forces a changé."
        ),
        "body": """
<p>Quand Microsoft a investi pour la première fois dans OpenAI, le laboratoire était encore
une structure de recherche peu connue du grand public. Quelques années et plusieurs
milliards de dollars plus tard, ChatGPT est utilisé chaque semaine par des centaines de
millions de personnes, et les intérêts des deux entreprises ne se recouvrent plus
entièrement.</p>
<h2>Ce que prévoit le nouvel accord</h2>
<p>D'après les communications des deux sociétés, dont celle publiée sur
<a href="https://blogs.microsoft.com/">le blog officiel de Microsoft</a>, l'éditeur de Windows
conserve un accès privilégié aux modèles d'OpenAI pour ses propres produits, tandis
qu'OpenAI gagne la liberté de recourir à d'autres fournisseurs de capacité de calcul.</p>
<ul>
<li>Azure reste un partenaire d'infrastructure majeur ;</li>
<li>OpenAI peut conclure des accords avec d'autres clouds ;</li>
<li>les droits de propriété intellectuelle de Microsoft sont prolongés.</li>
</ul>
<h2>Deux stratégies qui s'émancipent</h2>
<p>Comme le relève La Tribune, Microsoft développe en parallèle ses propres modèles et
intègre ceux d'autres laboratoires dans Copilot. OpenAI, de son côté, fait construire des
centres de données avec plusieurs partenaires. La relation ressemble désormais davantage à
celle d'un fournisseur et de son client qu'à une alliance exclusive.</p>
""",
        "tags": ["Microsoft", "OpenAI", "IA"],
        "authors": ["karim-haddad", "claire-martin"],
        "sources": [
            ("la-tribune", ""),
            ("microsoft", "https://blogs.microsoft.com/"),
            ("openai", ""),
        ],
        "when": (-15, "12:10"),
        "notes": [
            (
                "correction",
                (0, "16:25"),
                "Une version précédente de cet article présentait l'accès de Microsoft aux "
                "modèles d'OpenAI comme exclusif. Il est privilégié, sans exclusivité.",
            )
        ],
    },
    {
        "slug": "correctifs-mensuels-des-failles-deja-exploitees-comblees-dans-windows",
        "title": "Correctifs mensuels : des failles déjà exploitées comblées dans Windows",
        "standfirst": (
            "La livraison mensuelle de correctifs de Microsoft traite plusieurs vulnérabilités "
            "que des attaquants exploitaient déjà. Les administrateurs ont tout intérêt à ne pas "
            "attendre pour déployer les mises à jour."
        ),
        "body": """
<p>Comme chaque deuxième mardi du mois, Microsoft a publié son lot de correctifs pour
Windows, Office et ses logiciels serveurs. Cette fois, plusieurs des vulnérabilités traitées
étaient exploitées avant même la disponibilité du correctif : ce sont des failles dites
« zero day ».</p>
<h2>Élévation de privilèges et exécution de code</h2>
<p>Les plus sérieuses permettent à un attaquant déjà présent sur une machine d'obtenir les
droits d'administration, ou d'exécuter du code à distance au moyen d'un fichier piégé. Chaque
vulnérabilité est décrite dans <a href="https://msrc.microsoft.com/update-guide">le guide
des mises à jour de sécurité</a> de l'éditeur.</p>
<blockquote><p>Sur un parc de plusieurs milliers de postes, la différence entre trois jours et
trois semaines de déploiement, c'est précisément la fenêtre dont profitent les
attaquants.</p></blockquote>
<p>Ce constat du responsable de la sécurité d'un groupe hospitalier rejoint les avis du
CERT-FR, rattaché à l'ANSSI, qui recommande régulièrement d'appliquer ces correctifs sans
délai.</p>
<h2>Les priorités</h2>
<ul>
<li>corriger d'abord les machines exposées à Internet et les contrôleurs de domaine ;</li>
<li>vérifier que les postes ont réellement redémarré ;</li>
<li>examiner les journaux à la recherche d'une exploitation antérieure.</li>
</ul>
""",
        "tags": ["Sécurité", "Windows", "Microsoft"],
        "authors": ["elise-moreau"],
        "sources": [
            ("microsoft", "https://msrc.microsoft.com/update-guide"),
            ("anssi", "https://www.cert.ssi.gouv.fr/"),
        ],
        "when": (-17, "18:35"),
    },
    {
        "slug": "azure-openai-ou-sont-traitees-les-donnees-des-clients-europeens",
        "title": "Azure OpenAI : où sont traitées les données des clients européens ?",
        "standfirst": (
            "Accéder aux modèles d'OpenAI par le cloud de Microsoft rassure de nombreuses "
            "entreprises européennes. Encore faut-il savoir où transitent réellement les "
            "requêtes, et ce qu'il advient des données."
        ),
        "body": """
<p>Pour beaucoup de grandes entreprises, passer par Azure plutôt que directement par OpenAI
est d'abord un choix contractuel : elles retrouvent leur fournisseur cloud habituel, ses
engagements de confidentialité et sa facturation. Mais la localisation du traitement dépend
du type de déploiement choisi.</p>
<h2>Régional, par zone de données ou mondial</h2>
<p>Microsoft propose plusieurs modes de déploiement, qui n'offrent pas les mêmes garanties :</p>
<ul>
<li>le mode régional traite les requêtes dans la région choisie ;</li>
<li>le mode par zone de données reste cantonné à l'Union européenne ;</li>
<li>le mode mondial maximise la disponibilité, au détriment de la localisation.</li>
</ul>
<h2>Des données qui ne servent pas à l'entraînement</h2>
<p>L'éditeur précise que les requêtes et les réponses ne sont pas utilisées pour entraîner
les modèles. Selon Le Monde Informatique, les juristes s'attardent surtout sur la
conservation temporaire de certaines données à des fins de détection des abus.</p>
<p>Le détail figure dans <a href="https://learn.microsoft.com/fr-fr/azure/ai-services/">la
documentation des services d'IA d'Azure</a>, qu'il vaut mieux relire avant de signer.</p>
""",
        "tags": ["Azure", "OpenAI", "Cloud"],
        "authors": ["claire-martin"],
        "sources": [("microsoft", ""), ("le-monde-informatique", "")],
        "when": (-19, "10:45"),
    },
    {
        "slug": "les-modeles-d-ia-a-poids-ouverts-gagnent-du-terrain",
        "title": "Les modèles d'IA à poids ouverts gagnent du terrain dans les entreprises",
        "standfirst": (
            "Télécharger un modèle et le faire tourner sur ses propres serveurs n'est plus "
            "réservé aux laboratoires de recherche. Même OpenAI publie désormais des modèles "
            "dont les paramètres sont librement accessibles."
        ),
        "body": """
<p>Un modèle « à poids ouverts » est un modèle dont les paramètres issus de l'entraînement
peuvent être téléchargés et exécutés librement. Ce n'est pas tout à fait de l'open source
au sens classique : les données et le code d'entraînement restent souvent fermés, et les
licences varient d'un éditeur à l'autre.</p>
<h2>Pourquoi les entreprises s'y intéressent</h2>
<ul>
<li>garder les données sensibles sur leur propre infrastructure ;</li>
<li>maîtriser les coûts quand les volumes deviennent importants ;</li>
<li>adapter le modèle à un vocabulaire métier par un entraînement complémentaire.</li>
</ul>
<p>Selon La Tribune, des industriels français testent ces modèles pour des usages internes,
comme la recherche dans leur documentation technique, tout en conservant des modèles
propriétaires pour les tâches les plus exigeantes.</p>
<h2>Des catalogues de plus en plus fournis</h2>
<p>Mistral AI, Meta et plusieurs laboratoires chinois ont ouvert la voie, et OpenAI a fini
par rejoindre le mouvement. La plateforme <a href="https://huggingface.co/">Hugging
Face</a> recense des centaines de milliers de modèles de ce type, de toutes tailles.</p>
""",
        "tags": ["Open source", "IA", "OpenAI"],
        "authors": ["karim-haddad"],
        "sources": [("la-tribune", ""), ("openai", "")],
        "when": (-22, "14:00"),
    },
    {
        "slug": "github-copilot-passe-du-mode-assistant-au-mode-agent",
        "title": "GitHub Copilot passe du mode assistant au mode agent",
        "standfirst": (
            "L'outil de programmation de GitHub ne se contente plus de compléter des lignes de "
            "code : il prend en charge une tâche entière et rend sa copie sous forme de demande "
            "de fusion. Les développeurs restent seuls juges de ce qui est intégré."
        ),
        "body": """
<p>À ses débuts, GitHub Copilot suggérait la suite d'une ligne ou d'une fonction. Son mode
agent va plus loin : on lui confie un ticket, il explore le dépôt, modifie plusieurs
fichiers, lance les tests et ouvre une demande de fusion que l'équipe relit comme celle d'un
collègue.</p>
<h2>La relecture de code change de rôle</h2>
<p>Ce fonctionnement déplace l'effort : moins de temps passé à écrire, davantage à relire.
Les équipes qui l'ont adopté insistent sur l'importance d'une bonne couverture de tests,
seule garantie que les modifications proposées ne cassent rien.</p>
<blockquote><p>L'agent est efficace sur les tâches bien décrites. Sur un ticket flou, il
produit du code flou, exactement comme nous.</p></blockquote>
<p>La remarque, d'une développeuse d'une jeune pousse nantaise, illustre une limite souvent
citée.</p>
<h2>Et les projets open source ?</h2>
<p>Des mainteneurs de projets libres s'inquiètent d'un afflux de contributions générées
automatiquement, de qualité inégale. Sur <a href="https://github.com/">GitHub</a>, les
dépôts disposent de réglages pour encadrer les contributions extérieures.</p>
""",
        "tags": ["IA", "Microsoft", "Open source"],
        "authors": ["karim-haddad"],
        "sources": [("github", ""), ("microsoft", "")],
        "when": (-24, "09:30"),
    },
    {
        "slug": "secnumcloud-le-label-que-visent-les-offres-de-cloud-de-confiance",
        "title": "SecNumCloud, le label que visent les offres de « cloud de confiance »",
        "standfirst": (
            "Délivrée par l'ANSSI, la qualification SecNumCloud est devenue un argument "
            "commercial de poids auprès des administrations et des opérateurs sensibles. Y "
            "compris pour des offres qui reposent sur des technologies américaines."
        ),
        "body": """
<p>SecNumCloud est un référentiel d'exigences établi par l'ANSSI pour les prestataires de
cloud. Au-delà des mesures techniques, il impose des garanties juridiques : le service doit
être protégé des lois extraterritoriales qui permettraient à une autorité étrangère
d'exiger l'accès aux données.</p>
<h2>Des offres hybrides sous conditions</h2>
<p>C'est tout l'enjeu des offres dites hybrides, exploitées par une société européenne mais
construites sur les technologies de géants américains. Bleu, coentreprise d'Orange et de
Capgemini, s'appuie ainsi sur des technologies Microsoft, tandis que S3NS, filiale de
Thales, repose sur celles de Google. Parmi les points examinés :</p>
<ul>
<li>le contrôle de l'opérateur par des capitaux européens ;</li>
<li>l'exploitation et le support assurés depuis l'Union européenne ;</li>
<li>la possibilité de vérifier les mises à jour logicielles avant leur déploiement.</li>
</ul>
<h2>Un parcours long et exigeant</h2>
<p>Selon La Tribune, la qualification demande souvent plus d'un an d'audits et
d'ajustements. Côté administrations, la doctrine « cloud au centre » de l'État pousse à
privilégier ces offres pour les données les plus sensibles. Le référentiel est publié sur
<a href="https://cyber.gouv.fr/">le site de l'ANSSI</a>.</p>
""",
        "tags": ["Cloud", "Sécurité", "Régulation"],
        "authors": ["elise-moreau", "claire-martin"],
        "sources": [("anssi", ""), ("la-tribune", "")],
        "when": (-26, "11:20"),
    },
    {
        "slug": "la-commission-europeenne-examine-le-cloud-au-prisme-du-dma",
        "title": "La Commission européenne examine le marché du cloud au prisme du DMA",
        "standfirst": (
            "Bruxelles cherche à savoir si les grands services de cloud doivent être soumis aux "
            "obligations du règlement sur les marchés numériques. Azure figure parmi les "
            "services examinés."
        ),
        "body": """
<p>Le règlement sur les marchés numériques, ou DMA, vise les « contrôleurs d'accès », ces
plateformes devenues incontournables entre les entreprises et leurs clients. Jusqu'ici, il
s'appliquait surtout aux moteurs de recherche, aux réseaux sociaux et aux boutiques
d'applications. Le cloud pourrait entrer dans son champ.</p>
<h2>Ce que regarde Bruxelles</h2>
<p>L'examen porte sur plusieurs questions concrètes :</p>
<ul>
<li>les frais facturés pour rapatrier ses données chez un autre fournisseur ;</li>
<li>les conditions de licence qui renchérissent l'usage de certains logiciels chez un
concurrent ;</li>
<li>la difficulté de combiner plusieurs clouds dans une même architecture.</li>
</ul>
<h2>Un dossier suivi de près par les clients</h2>
<p>Selon Le Monde Informatique, des associations d'utilisateurs réclament depuis longtemps
des règles plus strictes sur la portabilité. Les fournisseurs concernés mettent en avant
les baisses de frais de sortie déjà consenties.</p>
<p>Les textes et les décisions sont publiés sur
<a href="https://digital-markets-act.ec.europa.eu/">le site consacré au DMA</a>.</p>
""",
        "tags": ["Régulation", "Cloud", "Azure"],
        "authors": ["elise-moreau"],
        "sources": [
            ("commission-europeenne", "https://digital-markets-act.ec.europa.eu/"),
            ("le-monde-informatique", ""),
        ],
        "when": (-29, "16:10"),
        "image": False,
    },
    {
        "slug": "chatgpt-en-entreprise-les-grands-comptes-passent-au-deploiement",
        "title": "ChatGPT en entreprise : les grands comptes passent de l'essai au déploiement",
        "standfirst": (
            "Après une phase de tests souvent limitée à quelques équipes, de grandes "
            "entreprises généralisent l'accès à ChatGPT. Formation, règles d'usage et suivi des "
            "coûts deviennent les vrais sujets."
        ),
        "body": """
<p>Les premiers mois ont souvent ressemblé à une expérimentation prudente : quelques
dizaines de licences, un comité de pilotage et une charte d'usage rédigée à la hâte.
Plusieurs groupes ouvrent désormais l'outil à l'ensemble de leurs collaborateurs, dans des
espaces de travail administrés par la DSI.</p>
<h2>Former plutôt qu'interdire</h2>
<p>Les déploiements qui réussissent misent sur la formation : savoir formuler une demande,
vérifier une réponse, repérer une information inventée. D'après La Tribune, les directions
des ressources humaines sont de plus en plus associées à ces programmes. Le directeur de la
transformation d'un assureur résume ainsi le changement de cap :</p>
<blockquote><p>Interdire l'outil ne marchait pas : les salariés l'utilisaient quand même,
sur leur téléphone. Autant leur donner un cadre.</p></blockquote>
<h2>La question du retour sur investissement</h2>
<p>Reste à mesurer les gains. Les offres professionnelles d'<a href="https://openai.com/">OpenAI</a>
fournissent des statistiques d'usage, mais traduire des heures gagnées en valeur économique
reste un exercice délicat pour les directions financières.</p>
""",
        "tags": ["OpenAI", "IA"],
        "authors": ["karim-haddad"],
        "sources": [("openai", ""), ("la-tribune", "")],
        "when": (-31, "10:00"),
    },
    {
        "slug": "ia-et-centres-de-donnees-la-question-energetique",
        "title": "IA et centres de données : la question énergétique s'invite dans les annonces",
        "standfirst": (
            "Chaque nouvelle annonce d'investissement dans l'IA s'accompagne désormais d'un "
            "volet sur l'électricité. Les géants du cloud multiplient les contrats "
            "d'approvisionnement, jusque dans le nucléaire."
        ),
        "body": """
<p>Un centre de données conçu pour l'entraînement de modèles d'IA consomme bien plus qu'une
salle serveurs classique. Les baies remplies d'accélérateurs dégagent une chaleur telle que
le refroidissement liquide devient la norme dans les nouvelles constructions.</p>
<h2>Des contrats sur le long terme</h2>
<p>Pour sécuriser leur approvisionnement, les fournisseurs de cloud signent des contrats
d'achat d'électricité sur plusieurs décennies. Microsoft s'est ainsi engagé à acheter la
production d'un réacteur nucléaire américain appelé à redémarrer, signe de l'ampleur des
besoins. Les leviers se multiplient :</p>
<ul>
<li>contrats d'achat d'énergie renouvelable ;</li>
<li>accords avec des producteurs nucléaires ;</li>
<li>stockage d'énergie et récupération de la chaleur fatale.</li>
</ul>
<h2>La France, terre d'accueil ?</h2>
<p>Avec une électricité largement décarbonée, la France attire les projets. Selon La
Tribune, l'accès au réseau et les délais de raccordement sont devenus les premiers critères
de choix d'un site, avant même le prix du terrain.</p>
<p>Microsoft détaille ses engagements environnementaux sur
<a href="https://www.microsoft.com/fr-fr/sustainability">son site consacré au développement
durable</a>.</p>
""",
        "tags": ["Cloud", "IA", "Microsoft"],
        "authors": ["claire-martin"],
        "sources": [("la-tribune", ""), ("microsoft", "")],
        "when": (-33, "13:15"),
    },
    {
        "slug": "hameconnage-les-voix-clonees-par-ia-inquietent-les-entreprises",
        "title": "Hameçonnage : les voix clonées par IA inquiètent les entreprises",
        "standfirst": (
            "Quelques secondes d'enregistrement suffisent désormais à imiter une voix de façon "
            "convaincante. L'escroquerie au faux dirigeant change de dimension."
        ),
        "body": """
<p>L'arnaque au président n'est pas nouvelle : un faux dirigeant appelle un comptable et
réclame un virement urgent et confidentiel. Ce qui change, c'est la qualité de
l'imitation. Avec des outils de synthèse vocale à la portée de tous, l'appel reproduit la
voix, l'intonation et les tics de langage de la personne imitée.</p>
<h2>Des parades avant tout organisationnelles</h2>
<p>Les spécialistes rappellent que la technique ne suffit pas à détecter ces appels. Les
mesures les plus efficaces sont des procédures simples :</p>
<ul>
<li>rappeler systématiquement l'interlocuteur sur un numéro connu ;</li>
<li>imposer une double validation pour tout virement inhabituel ;</li>
<li>convenir de questions de vérification au sein des équipes financières.</li>
</ul>
<h2>Signaler pour mieux se protéger</h2>
<p>Selon Le Monde Informatique, de nombreuses tentatives ne sont jamais déclarées, par
crainte pour la réputation de l'entreprise. Le dispositif
<a href="https://www.cybermalveillance.gouv.fr/">Cybermalveillance.gouv.fr</a> accompagne
les victimes et publie des fiches pratiques sur ces escroqueries.</p>
""",
        "tags": ["Sécurité", "IA"],
        "authors": ["elise-moreau", "karim-haddad"],
        "sources": [("le-monde-informatique", ""), ("anssi", "")],
        "when": (-36, "11:40"),
    },
    {
        "slug": "windows-11-les-postes-copilot-promettent-une-ia-locale",
        "title": "Windows 11 : les PC « Copilot+ » promettent une IA qui tourne en local",
        "standfirst": (
            "Une nouvelle génération d'ordinateurs portables embarque une puce dédiée à "
            "l'intelligence artificielle. Microsoft y voit l'avenir du poste de travail ; les "
            "DSI attendent de voir les usages."
        ),
        "body": """
<p>Les PC estampillés « Copilot+ » intègrent, à côté du processeur et de la puce graphique,
une unité de calcul neuronal. Elle sert à exécuter localement des fonctions d'IA : sous-titrage
en direct, retouche d'images, recherche en langage naturel dans les fichiers.</p>
<h2>Moins de cloud, plus de confidentialité ?</h2>
<p>Traiter les données sur la machine évite de les envoyer vers un serveur distant, un
argument qui porte auprès des entreprises soucieuses de confidentialité. Mais certaines
fonctions ont suscité des critiques, au point que Microsoft a revu leur fonctionnement avant
de les généraliser.</p>
<h2>Un renouvellement de parc à justifier</h2>
<p>Pour les directions informatiques, la question est d'abord budgétaire. Selon Le Monde
Informatique, la fin du support de Windows 10 pousse de nombreuses entreprises à renouveler
leurs ordinateurs, et les constructeurs comptent sur cette vague pour imposer ces nouveaux
modèles.</p>
<p>La liste des fonctions concernées est tenue à jour sur
<a href="https://www.microsoft.com/fr-fr/windows/">le site de Windows</a>.</p>
""",
        "tags": ["Windows", "IA", "Microsoft"],
        "authors": ["claire-martin"],
        "sources": [
            ("microsoft", "https://www.microsoft.com/fr-fr/windows/"),
            ("le-monde-informatique", ""),
        ],
        "when": (-40, "08:50"),
    },
    # Not public: one draft, one in review, one scheduled. Their titles say so.
    {
        "slug": "brouillon-les-assistants-de-code-ia-au-banc-d-essai",
        "title": "Brouillon : les assistants de code IA au banc d'essai",
        "standfirst": (
            "Nous avons confié les mêmes tâches à plusieurs assistants de programmation. "
            "Premiers résultats, à compléter avant publication."
        ),
        "body": """
<p>Protocole : cinq tâches identiques, du correctif de bogue à l'écriture de tests, menées
sur un même dépôt de taille moyenne.</p>
<h2>Premiers constats</h2>
<p>Les écarts se creusent surtout sur les tâches qui touchent plusieurs fichiers. Chiffres
à vérifier avec l'équipe avant relecture.</p>
<p>À ajouter : le tableau comparatif et les tarifs de chaque offre.</p>
""",
        "tags": ["IA", "Open source"],
        "authors": ["karim-haddad"],
        "sources": [("github", "")],
        "status": "draft",
        "when": (-1, "17:20"),
        "image": False,
    },
    {
        "slug": "en-relecture-azure-local-le-cloud-de-microsoft-installe-chez-soi",
        "title": "En relecture : Azure Local, le cloud de Microsoft installé chez soi",
        "standfirst": (
            "Faire tourner des services Azure dans son propre centre de données : la promesse "
            "séduit les secteurs les plus réglementés. Reste à en mesurer les contraintes."
        ),
        "body": """
<p>Azure Local permet d'exploiter, sur des serveurs installés chez le client, une partie
des services du cloud de Microsoft, administrés depuis le même portail.</p>
<p>Microsoft présente l'offre comme le prolongement naturel de son cloud public, pour les
charges qui ne peuvent pas, ou ne doivent pas, quitter les locaux de l'entreprise.</p>
<h2>Pour qui ?</h2>
<ul>
<li>les sites industriels qui doivent continuer à fonctionner sans connexion ;</li>
<li>les organisations soumises à des obligations de localisation des données.</li>
</ul>
<p>Le modèle de licence et le matériel certifié restent les deux points à éclaircir avant
publication.</p>
""",
        "tags": ["Azure", "Cloud"],
        "authors": ["claire-martin"],
        "sources": [("microsoft", "")],
        "status": "review",
        "when": (-1, "11:05"),
    },
    {
        "slug": "programme-notre-guide-pour-preparer-la-conformite-a-l-ai-act",
        "title": "Programmé : notre guide pour préparer la conformité à l'AI Act",
        "standfirst": (
            "Inventaire des usages, classification des risques, documentation : les étapes à "
            "suivre pour une entreprise qui utilise ou développe des systèmes d'IA."
        ),
        "body": """
<p>L'AI Act ne concerne pas que les éditeurs de modèles : une entreprise qui déploie un
système d'IA a elle aussi des obligations, proportionnées au niveau de risque.</p>
<h2>Étape 1 : dresser l'inventaire</h2>
<p>Première tâche : recenser les outils d'IA utilisés, y compris ceux adoptés sans passer
par la DSI.</p>
<h2>Étape 2 : classer les usages</h2>
<p>Recrutement, crédit, santé : certains domaines relèvent des systèmes à haut risque et
imposent une documentation et une supervision humaine renforcées. Le texte de référence se
trouve sur <a href="https://eur-lex.europa.eu/">EUR-Lex</a>.</p>
""",
        "tags": ["Régulation", "IA"],
        "authors": ["elise-moreau"],
        "sources": [("commission-europeenne", "")],
        "status": "published",
        "publish_in_days": 2,
        "when": (-1, "16:00"),
    },
]

# French typography: a no-break space before « : ; ! ? » and after «, so that the
# punctuation never starts a line.
_BEFORE = re.compile(r" ([:;!?»])")
_AFTER = re.compile(r"« ")


def french_spacing(text: str) -> str:
    return _AFTER.sub("«\u00a0", _BEFORE.sub("\u00a0\\1", text))


def _tidy(html: str) -> str:
    """One line per block: the texts above are wrapped for reading, not for storage."""
    return re.sub(r">\s+<", ">\n<", re.sub(r"\s*\n\s*", " ", html.strip()))


for _author in AUTHORS:
    _author["bio"] = french_spacing(_author["bio"])
TAGS = {name: french_spacing(text) for name, text in TAGS.items()}
for _article in ARTICLES:
    _article["title"] = french_spacing(_article["title"])
    _article["standfirst"] = french_spacing(_article["standfirst"])
    _article["body"] = french_spacing(_tidy(_article["body"]))
