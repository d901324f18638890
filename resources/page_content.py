"""The texts of the portal's pages, written by the seed (resources.page_seed): the home
page's English version and highlights, the Foundational Document's sections, the about,
methodology, privacy and contact pages, the news index, and the demo news.

Kept as data, apart from the code that writes them, so they can be read and corrected.
Spanish first, in our own words, faithful to the Community's public description
(shared/reference); English beside it, translated for English readers rather than word
for word. Where the Community has still to write down its own decisions, the text says so
plainly. Nothing here attributes deeds, figures or quotes to a real institution or person.

Links to other parts of the portal are plain paths: the English pages use the /en/ ones.
Translations keep the Spanish slug, so a page has the same path in both languages.
"""

from dataclasses import dataclass, field

# The Foundational Document's slug: the main navigation links to it without a lookup.
FOUNDATIONAL_DOCUMENT_SLUG = "documento-fundacional"

# A note on every demo text (seed_demo only).
DEMO_NOTE_ES = "Contenido de demostración"
DEMO_NOTE_EN = "Demo content"


# ---- Helpers that write StreamField data (resources.blocks)


def h2(text: str, anchor: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2", "anchor": anchor}}


def h3(text: str, anchor: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h3", "anchor": anchor}}


def p(html: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{html}</p>"}


def bullets(*items: str, ordered: bool = False) -> dict:
    return {"type": "list", "value": {"ordered": ordered, "items": list(items)}}


def quote(text: str, attribution: str = "") -> dict:
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def table(caption: str, headings: list[str], rows: list[list[str]]) -> dict:
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "columns": [{"type": "text", "heading": heading} for heading in headings],
            "rows": [{"values": list(row)} for row in rows],
        },
    }


def contact_details() -> dict:
    return {"type": "contact_details", "value": None}


@dataclass(frozen=True)
class PageText:
    title: str
    introduction: str
    search_description: str
    body: list = field(default_factory=list)


@dataclass(frozen=True)
class PageSeed:
    """One page and its English translation. `key` is stable: the seed finds the page by
    it (through its translation key), whatever editors have since renamed."""

    key: str
    kind: str  # "foundational_document", "standard", "contact" or "news_index"
    slug: str
    es: PageText
    en: PageText


THEME_NAMES_ES = (
    "Cierre de brechas en servicios públicos y uso de la renta minera",
    "Diversificación productiva",
    "Gestión integrada de recursos hídricos",
    "Gestión de aspectos ambientales",
)
THEME_NAMES_EN = (
    "Closing gaps in public services and use of mining revenue",
    "Diversification of production",
    "Integrated water resources management",
    "Management of environmental aspects",
)


# ---- HOME PAGE (the Spanish texts are in col_portal.seed_content)

HOME_TITLE_EN = "Moquegua Community of Learning"

HOME_INTRO_HTML_EN = (
    "<p>The <b>Moquegua Community of Learning</b> is a neutral space where people from "
    "government, companies, civil society, academia and the citizens of the region meet "
    "to talk, share experiences and learn together about the governance of mining.</p>"
    "<p>It follows the path opened by <b>RIMAY Moquegua</b> (<i>rimay</i> means “to speak” "
    "in Quechua), the multi-stakeholder dialogue that in 2021 built a shared vision of "
    "mining for the region, promoted by the Regional Government of Moquegua and the "
    "Ministry of Energy and Mines with the support of the Inter-American Development "
    "Bank. In 2022 the Leveraging Transparency to Reduce Corruption initiative, led by the "
    "Brookings Institution and Results for Development, joined CCPM Consulting Group to "
    "shape this Community together with its members.</p>"
    "<p>Our purpose is that mining revenue is managed in an inclusive, fair and effective "
    "way, and that it turns into better services and opportunities for people. To that "
    "end, the Community:</p>"
    "<ul>"
    "<li>builds trust between stakeholders who have often stood apart;</li>"
    "<li>produces and shares information, studies and lessons learned on managing mining "
    "revenue, with particular attention to preventing corruption;</li>"
    "<li>looks for practical solutions that can be repeated in the region, around the four "
    "themes prioritised by RIMAY Moquegua.</li>"
    "</ul>"
)

HOME_JOIN_CALL_EN = (
    "The Community is open to the institutions and people of Moquegua who want to bring "
    "their experience: authorities, companies, community organisations, universities, "
    "professional associations and citizens. Tell us who you are and why you would like "
    "to take part."
)

HOME_SEARCH_DESCRIPTION_EN = (
    "A neutral space where government, companies, civil society and academia in Moquegua "
    "share experiences for inclusive, fair and transparent mining governance."
)


@dataclass(frozen=True)
class HighlightSeed:
    title_es: str
    text_es: str
    title_en: str
    text_en: str
    page_key: str = ""  # the PageSeed.key of the page the card links to


HOME_HIGHLIGHTS = (
    HighlightSeed(
        title_es="Un espacio neutral",
        text_es=(
            "Gobierno, empresas, sociedad civil, academia y ciudadanía dialogan en igualdad "
            "de condiciones: ningún sector es dueño de la Comunidad."
        ),
        title_en="A neutral space",
        text_en=(
            "Government, companies, civil society, academia and citizens talk on an equal "
            "footing: no sector owns the Community."
        ),
        page_key="about",
    ),
    HighlightSeed(
        title_es="Aprender de la experiencia",
        text_es=(
            "Las lecciones y buenas prácticas de la región se cuentan con una estructura "
            "común, para que otros puedan repetir lo que funcionó."
        ),
        title_en="Learning from experience",
        text_en=(
            "The region's lessons and good practices are told in a common structure, so "
            "that others can repeat what worked."
        ),
        page_key="methodology",
    ),
    HighlightSeed(
        title_es="Transparencia frente a la corrupción",
        text_es=(
            "La Comunidad pone especial atención en que la renta minera se gestione con "
            "transparencia, participación y rendición de cuentas."
        ),
        title_en="Transparency against corruption",
        text_en=(
            "The Community pays particular attention to managing mining revenue with "
            "transparency, participation and accountability."
        ),
        page_key="foundational_document",
    ),
)


# ---- THE FOUNDATIONAL DOCUMENT

FOUNDATIONAL_DOCUMENT_VERSION = "0.1"
# What the first version is, for the document's version history (Spanish, English).
FOUNDATIONAL_DOCUMENT_CHANGES = (
    "Primera versión de trabajo, preparada a partir de la descripción pública de la "
    "Comunidad para que los miembros la comenten antes de adoptarla en un taller.",
    "First working version, drawn from the Community's public description for members to "
    "comment on before a workshop adopts it.",
)

FOUNDATIONAL_DOCUMENT = PageSeed(
    key="foundational_document",
    kind="foundational_document",
    slug=FOUNDATIONAL_DOCUMENT_SLUG,
    es=PageText(
        title="Documento Fundacional",
        introduction=(
            "El Documento Fundacional reúne los acuerdos básicos de la Comunidad de "
            "Aprendizaje de Moquegua: para qué existe, qué principios guían su trabajo, "
            "quiénes la integran, cómo trabaja y cómo toma sus decisiones. Es un texto "
            "vivo: cada versión adoptada queda registrada y los miembros pueden comentar "
            "cada sección."
        ),
        search_description=(
            "Propósito, principios, miembros, temas y forma de trabajo de la Comunidad de "
            "Aprendizaje de Moquegua sobre gobernanza minera."
        ),
        body=[
            p(
                "<b>Sobre esta versión.</b> Este texto es una base de trabajo preparada a "
                "partir de la presentación pública de la Comunidad. Los aspectos "
                "fundacionales y operativos de la Comunidad se trabajan con sus miembros en "
                "talleres; los acuerdos que se adopten en ellos se incorporan aquí, sección "
                "por sección, y cada versión publicada queda registrada."
            ),
            h2("1. Propósito", "proposito"),
            p(
                "La Comunidad de Aprendizaje de Moquegua es un espacio en el que "
                "representantes de la sociedad civil, el Estado, las empresas, la academia y "
                "la ciudadanía de la región exploran juntos los problemas y las soluciones "
                "relacionados con la gobernanza de la minería."
            ),
            p(
                "Su propósito es promover el intercambio de conocimientos y experiencias "
                "entre estos actores para contribuir a mejorar la gobernanza y la gestión "
                "eficaz de la renta minera en la región, con especial atención a la "
                "prevención de la corrupción. Busca una gobernanza minera más inclusiva, "
                "justa y eficaz, cuyos beneficios lleguen a la población. Para ello, la "
                "Comunidad se propone:"
            ),
            bullets(
                "producir y difundir información, estudios, lecciones aprendidas y "
                "reflexiones compartidas sobre los desafíos y las oportunidades de la "
                "gestión de la renta minera;",
                "identificar soluciones prácticas, basadas en experiencias y buenas "
                "prácticas de la región, que puedan replicarse;",
                "fortalecer la confianza entre los distintos grupos de actores y dentro de "
                "cada uno de ellos, como base para el diálogo y la acción colectiva.",
            ),
            h2("2. Principios", "principios"),
            p("Los miembros de la Comunidad trabajan de acuerdo con los siguientes principios:"),
            bullets(
                "Espacio neutral: la Comunidad no pertenece a ningún sector; gobierno, "
                "empresas, sociedad civil y academia participan en igualdad de condiciones.",
                "Confianza: el diálogo se basa en el respeto, la escucha y la buena fe, "
                "también cuando hay desacuerdos; la confianza se construye con el tiempo y "
                "con hechos.",
                "Transparencia: la información, los estudios y los acuerdos de la Comunidad "
                "se comparten abiertamente, salvo lo que sus miembros decidan reservar para "
                "el trabajo interno.",
                "Participación y diversidad: la Comunidad busca incluir a la mayor "
                "diversidad posible de actores locales, y sus miembros participan en su "
                "diseño y en su funcionamiento.",
                "Aprendizaje entre pares: la experiencia práctica de quienes han vivido los "
                "problemas y han ensayado soluciones vale tanto como el conocimiento "
                "técnico.",
                "Orientación a la acción: el intercambio apunta a soluciones concretas que "
                "puedan ponerse en práctica en la región.",
                "Integridad: la Comunidad rechaza la corrupción y promueve la transparencia "
                "y la rendición de cuentas en la gestión de los recursos públicos.",
            ),
            quote(
                "La Comunidad ofrece un espacio neutral para construir y fortalecer la "
                "confianza entre los diferentes grupos de actores de la región y dentro de "
                "cada uno de ellos, con el fin de promover el diálogo, el intercambio de "
                "experiencias y el aprendizaje.",
                "Presentación pública de la Comunidad de Aprendizaje (traducción propia)",
            ),
            h2("3. Miembros y roles", "miembros-y-roles"),
            p(
                "La Comunidad crece con sus miembros. Desde el inicio, actores de la "
                "sociedad civil, el sector privado, el Estado y la academia participan "
                "activamente en su diseño, para construir juntos un espacio que responda a "
                "las necesidades y los problemas de la región."
            ),
            h3("Grupo Núcleo", "grupo-nucleo"),
            p(
                "El Grupo Núcleo es el conjunto inicial de instituciones que impulsa la "
                "Comunidad. Lo integran quince instituciones del gobierno regional, las "
                "empresas mineras y el sector privado, la sociedad civil, los colegios "
                "profesionales y la cooperación internacional. La lista completa, por "
                'sector, está en la página del <a href="/grupo-nucleo/">Grupo Núcleo</a>.'
            ),
            h3("Facilitación", "facilitacion"),
            p(
                "Un equipo de facilitación acompaña el trabajo de la Comunidad: convoca y "
                "conduce los talleres, cuida que todas las voces sean escuchadas, "
                "sistematiza los aportes y modera los espacios de intercambio del portal. La "
                "facilitación no representa a ningún sector y no decide por la Comunidad."
            ),
            h3("Convocatoria amplia", "convocatoria-amplia"),
            p(
                "En una etapa posterior, la Comunidad abrirá una convocatoria más amplia "
                "para que otros actores de distintos sectores se sumen y contribuyan al "
                "intercambio de experiencias y al aprendizaje colectivo. Las instituciones y "
                'personas interesadas pueden <a href="/unete/">postular</a> desde el portal.'
            ),
            table(
                "Roles en la Comunidad",
                ["Rol", "Quiénes", "Qué hacen"],
                [
                    [
                        "Grupo Núcleo",
                        "Las quince instituciones con las que empezó la Comunidad",
                        "Impulsan la Comunidad desde su inicio y participan en la definición "
                        "de sus aspectos fundacionales y de sus temas.",
                    ],
                    [
                        "Miembros",
                        "Instituciones y personas que se suman a la Comunidad",
                        "Comparten experiencias y lecciones, participan en los talleres y "
                        "comentan los documentos de la Comunidad.",
                    ],
                    [
                        "Facilitación",
                        "El equipo que acompaña el proceso",
                        "Convoca y conduce los talleres, sistematiza los aportes y modera el "
                        "portal.",
                    ],
                ],
            ),
            h2("4. Temas prioritarios", "temas-prioritarios"),
            p(
                "Para definir sus temas, los participantes tomaron en cuenta los resultados "
                "de un estudio que sistematizó las iniciativas y los programas multiactor de "
                "desarrollo implementados en la región, y trabajaron a partir del documento "
                "de consenso de RIMAY Moquegua. Ese documento prioriza cuatro temas para el "
                "desarrollo socioeconómico de la región, que organizan el trabajo de la "
                "Comunidad:"
            ),
            bullets(*THEME_NAMES_ES, ordered=True),
            p(
                'Cada tema tiene su <a href="/temas/">página en el portal</a>, con las '
                "lecciones y experiencias que comparten los miembros."
            ),
            h2("5. Cómo trabajamos", "como-trabajamos"),
            h3("Talleres", "talleres"),
            p(
                "La Comunidad se reúne periódicamente en talleres presenciales y virtuales. "
                "En ellos los participantes intercambian experiencias, discuten los "
                "problemas de la región y acuerdan los pasos siguientes. Los talleres se "
                "anuncian en el portal, donde los miembros pueden inscribirse."
            ),
            h3("Lecciones aprendidas", "lecciones-aprendidas"),
            p(
                "Los miembros comparten experiencias y buenas prácticas sobre los temas "
                "prioritarios, para identificar soluciones prácticas que puedan replicarse "
                "en la región. Cada lección se cuenta con la misma estructura: el contexto, "
                "el desafío, lo que se hizo, los resultados, la lección y las "
                "recomendaciones."
            ),
            h3("Metodologías", "metodologias"),
            p(
                "La Comunidad usa y adapta metodologías que han funcionado en iniciativas "
                "similares: el enfoque de Aprendizaje Colaborativo de Results for "
                "Development (R4D), las prácticas de la Alianza para el Gobierno Abierto y "
                "de la Alianza Global para la Auditoría Social (GPSA) del Banco Mundial, y "
                "el marco TAP-Plus de la iniciativa Leveraging Transparency to Reduce "
                "Corruption, que pone el acento en identificar y priorizar soluciones para "
                "las piezas que faltan en un ecosistema de gobernanza, teniendo en cuenta "
                "las limitaciones y las ventanas de oportunidad del contexto. Se explican en "
                'la página de <a href="/metodologia/">metodología</a>.'
            ),
            h2("6. Gobernanza y toma de decisiones", "gobernanza-y-decisiones"),
            p(
                "La Comunidad se construye de manera participativa: sus aspectos "
                "fundacionales y operativos, y la definición de los temas que aborda, se "
                "trabajan con sus miembros en talleres. Las decisiones que afectan a la "
                "Comunidad en su conjunto se discuten en esos espacios, con la facilitación "
                "como garante de un diálogo equilibrado."
            ),
            p(
                "Esta sección se completará con los acuerdos adoptados en taller sobre la "
                "forma de decidir: cómo se convocan las sesiones, cómo se llega a acuerdos, "
                "cómo se incorporan nuevas instituciones al Grupo Núcleo y cómo se modifica "
                "este documento."
            ),
            h2("7. Versión y adopción", "version-y-adopcion"),
            p(
                "Este documento se publica en el portal de la Comunidad, en español y en "
                "inglés. Cada versión indica su número y, una vez adoptada en taller, la "
                "fecha de su adopción. El portal conserva el historial de todas las "
                "versiones publicadas."
            ),
            p(
                "Los miembros de la Comunidad pueden comentar cada sección desde el portal. "
                "La facilitación reúne los comentarios y los lleva al taller, donde se "
                "deciden los cambios que dan lugar a una nueva versión."
            ),
        ],
    ),
    en=PageText(
        title="Foundational Document",
        introduction=(
            "The Foundational Document sets out the basic agreements of the Moquegua "
            "Community of Learning: why it exists, which principles guide its work, who "
            "takes part, how it works and how it decides. It is a living text: every "
            "adopted version is kept on record and members can comment on each section."
        ),
        search_description=(
            "Purpose, principles, members, themes and ways of working of the Moquegua "
            "Community of Learning on mining governance."
        ),
        body=[
            p(
                "<b>About this version.</b> This text is a working basis prepared from the "
                "Community's public description. The Community's founding and operational "
                "aspects are worked out with its members in workshops; the agreements they "
                "adopt there are brought into this document section by section, and every "
                "published version is kept on record."
            ),
            h2("1. Purpose", "proposito"),
            p(
                "The Moquegua Community of Learning is a space where representatives of "
                "civil society, the State, companies, academia and the citizens of the "
                "region jointly explore problems and solutions in the governance of mining."
            ),
            p(
                "Its purpose is to foster the exchange of knowledge and experience between "
                "these stakeholders, so as to help improve governance and the effective "
                "management of mining revenue in the region, with particular attention to "
                "curbing corruption. It seeks more inclusive, fair and effective mining "
                "governance whose benefits reach the people. To that end, the Community "
                "sets out to:"
            ),
            bullets(
                "produce and share information, studies, lessons learned and joint "
                "reflections on the challenges and opportunities of managing mining revenue;",
                "identify practical solutions, drawn from the region's experience and good "
                "practice, that can be replicated;",
                "build trust between and within the different groups of stakeholders, as "
                "the basis for dialogue and collective action.",
            ),
            h2("2. Principles", "principios"),
            p("The members of the Community work according to these principles:"),
            bullets(
                "A neutral space: the Community belongs to no sector; government, "
                "companies, civil society and academia take part on an equal footing.",
                "Trust: dialogue rests on respect, listening and good faith, also when "
                "people disagree; trust is built over time and through deeds.",
                "Transparency: the Community's information, studies and agreements are "
                "shared openly, except what its members decide to keep for internal work.",
                "Participation and diversity: the Community seeks to include the widest "
                "possible range of local stakeholders, and its members take part in its "
                "design and running.",
                "Peer learning: the practical experience of those who have lived the "
                "problems and tried solutions is valued as much as technical knowledge.",
                "Focus on action: the exchange aims at concrete solutions that can be put "
                "into practice in the region.",
                "Integrity: the Community rejects corruption and promotes transparency and "
                "accountability in the management of public resources.",
            ),
            quote(
                "The community offers a neutral space to build and strengthen the trust "
                "among and within the different stakeholder groups in the Moquegua region "
                "in order to promote dialogue, exchange of experiences, and learning.",
                "Public description of the Community of Learning",
            ),
            h2("3. Members and roles", "miembros-y-roles"),
            p(
                "The Community grows with its members. From the start, people from civil "
                "society, the private sector, government and academia have taken an active "
                "part in its design, to build together a space that responds to the needs "
                "and problems of the region."
            ),
            h3("Core Group", "grupo-nucleo"),
            p(
                "The Core Group is the initial set of institutions driving the Community. "
                "It is made up of fifteen institutions from the regional government, "
                "mining companies and the private sector, civil society, professional "
                "associations and international cooperation. The full list, by sector, is "
                'on the <a href="/en/grupo-nucleo/">Core Group</a> page.'
            ),
            h3("Facilitation", "facilitacion"),
            p(
                "A facilitation team supports the Community's work: it convenes and runs "
                "the workshops, makes sure every voice is heard, brings the contributions "
                "together and moderates the portal's discussion spaces. The facilitation "
                "team represents no sector and does not decide for the Community."
            ),
            h3("Broader call", "convocatoria-amplia"),
            p(
                "At a later stage the Community will issue a broader call for other "
                "stakeholders from different sectors to join and contribute to its "
                "exchange of experience and collective learning. Interested institutions "
                'and people can <a href="/en/unete/">apply</a> through the portal.'
            ),
            table(
                "Roles in the Community",
                ["Role", "Who", "What they do"],
                [
                    [
                        "Core Group",
                        "The fifteen institutions the Community started with",
                        "Have driven the Community from the start and take part in defining "
                        "its founding aspects and its themes.",
                    ],
                    [
                        "Members",
                        "Institutions and people who join the Community",
                        "Share experiences and lessons, take part in workshops and comment "
                        "on the Community's documents.",
                    ],
                    [
                        "Facilitation",
                        "The team that supports the process",
                        "Convenes and runs the workshops, brings contributions together and "
                        "moderates the portal.",
                    ],
                ],
            ),
            h2("4. Priority themes", "temas-prioritarios"),
            p(
                "To choose its themes, the participants took into account the results of a "
                "study that systematised the multi-stakeholder development initiatives and "
                "programmes carried out in the region so far, and worked from the RIMAY "
                "Moquegua consensus document. That document prioritises four themes for "
                "the socio-economic development of the region, which organise the "
                "Community's work:"
            ),
            bullets(*THEME_NAMES_EN, ordered=True),
            p(
                'Each theme has its <a href="/en/temas/">page on the portal</a>, with the '
                "lessons and experiences shared by members."
            ),
            h2("5. How we work", "como-trabajamos"),
            h3("Workshops", "talleres"),
            p(
                "The Community meets regularly in face-to-face and virtual workshops, where "
                "participants exchange experiences, discuss the region's problems and agree "
                "on next steps. Workshops are announced on the portal, where members can "
                "register."
            ),
            h3("Lessons learned", "lecciones-aprendidas"),
            p(
                "Members share experiences and good practices on the priority themes, to "
                "identify practical solutions that can be replicated in the region. Every "
                "lesson is told in the same structure: the context, the challenge, what was "
                "done, the results, the lesson and the recommendations."
            ),
            h3("Methodologies", "metodologias"),
            p(
                "The Community uses and adapts methods that have worked in similar "
                "initiatives: Results for Development's (R4D) Collaborative Learning "
                "approach, the practices of the Open Government Partnership and of the "
                "World Bank's Global Partnership for Social Accountability (GPSA), and the "
                "TAP-Plus framework of the Leveraging Transparency to Reduce Corruption "
                "initiative, which emphasises identifying and prioritising solutions for "
                "the missing pieces in a governance ecosystem, taking into account the "
                "limitations and windows of opportunity of the context. They are explained "
                'on the <a href="/en/metodologia/">methodology</a> page.'
            ),
            h2("6. Governance and decisions", "gobernanza-y-decisiones"),
            p(
                "The Community is built in a participatory way: its founding and "
                "operational aspects, and the choice of the themes it addresses, are worked "
                "out with its members in workshops. Decisions that affect the Community as "
                "a whole are discussed there, with the facilitation team as guarantor of a "
                "balanced dialogue."
            ),
            p(
                "This section will be completed with the agreements adopted in workshop on "
                "how decisions are made: how sessions are convened, how agreement is "
                "reached, how new institutions join the Core Group and how this document is "
                "amended."
            ),
            h2("7. Version and adoption", "version-y-adopcion"),
            p(
                "This document is published on the Community's portal, in Spanish and in "
                "English. Each version states its number and, once adopted in workshop, "
                "the date of its adoption. The portal keeps the history of every published "
                "version."
            ),
            p(
                "Members of the Community can comment on each section on the portal. The "
                "facilitation team gathers the comments and takes them to the workshop, "
                "where the changes that lead to a new version are decided."
            ),
        ],
    ),
)


# ---- ABOUT THE COMMUNITY AND RIMAY MOQUEGUA

ABOUT = PageSeed(
    key="about",
    kind="standard",
    slug="acerca-de",
    es=PageText(
        title="La Comunidad y el proceso RIMAY Moquegua",
        introduction=(
            "Cómo nació la Comunidad de Aprendizaje de Moquegua, qué busca y quiénes la impulsan."
        ),
        search_description=(
            "Origen de la Comunidad de Aprendizaje de Moquegua en el diálogo RIMAY Moquegua "
            "(2021), sus objetivos y su Grupo Núcleo."
        ),
        body=[
            h2("Un espacio para dialogar sobre la minería en Moquegua", "espacio-de-dialogo"),
            p(
                "En la región Moquegua, en el sur del Perú, representantes de la sociedad "
                "civil, el gobierno, las empresas y la academia han puesto en marcha una "
                "comunidad de aprendizaje para explorar juntos los problemas y las "
                "soluciones de la gobernanza minera. La Comunidad ofrece un espacio neutral "
                "para construir y fortalecer la confianza entre los distintos grupos de "
                "actores y dentro de cada uno de ellos, promover el diálogo y el intercambio "
                "de experiencias y aprender en conjunto, con un horizonte común: una "
                "gobernanza minera más inclusiva, justa y eficaz."
            ),
            h2("El antecedente: RIMAY Moquegua", "rimay-moquegua"),
            p(
                "En los últimos años, diversas iniciativas vinculadas al sector minero "
                "peruano han buscado coordinar al Estado, las empresas, la sociedad civil y "
                "las comunidades en torno a la gobernanza de los proyectos extractivos. "
                "Suelen perseguir consensos que hagan posible una gobernanza adecuada y la "
                "acción colectiva frente a problemas concretos de cada territorio. Sin "
                "embargo, una historia de conflictos entre los actores ha limitado sus "
                "resultados, y muchas recomendaciones y lecciones no han llegado a "
                "aplicarse."
            ),
            p(
                "Uno de esos esfuerzos fue <b>RIMAY Moquegua</b>, un proceso de diálogo "
                "multiactor de alcance regional desarrollado en 2021. Lo promovieron el "
                "Gobierno Regional de Moquegua y el Ministerio de Energía y Minas, con el "
                "apoyo del Banco Interamericano de Desarrollo, y produjo una visión minera "
                "para la región construida en conjunto. <i>Rimay</i> es una palabra quechua "
                "que significa «hablar»."
            ),
            h2("Una comunidad de aprendizaje para la acción colectiva", "accion-colectiva"),
            p(
                "Sobre la base del proceso RIMAY Moquegua y de la larga tradición de diálogo "
                "multiactor de la región, a inicios de 2022 la iniciativa <i>Leveraging "
                "Transparency to Reduce Corruption</i> (LTRC), liderada por la Brookings "
                "Institution y Results for Development (R4D), convocó a CCPM Consulting "
                "Group para crear una comunidad de aprendizaje dedicada a fortalecer la "
                "gobernanza de la minería en Moquegua."
            ),
            p(
                "Se eligió el enfoque de comunidad de aprendizaje porque ofrece un espacio "
                "neutral en el que actores diversos pueden relacionarse y aprender sobre "
                "asuntos de interés común, explorar oportunidades de colaboración y sembrar "
                "así la semilla de nuevas colaboraciones, de la creatividad y de la acción "
                "colectiva."
            ),
            h2("Qué busca la Comunidad", "objetivos"),
            p(
                "La Comunidad promueve el intercambio de conocimientos y experiencias entre "
                "los actores clave de la región: sociedad civil, academia, empresas, "
                "ciudadanía y los distintos niveles de gobierno. Su fin último es contribuir "
                "a mejorar la gobernanza y la gestión eficaz de la renta minera en Moquegua. "
                "Para ello se propone:"
            ),
            bullets(
                "producir y difundir información, estudios y lecciones aprendidas sobre la "
                "gestión de la renta minera;",
                "compartir reflexiones sobre los desafíos y las oportunidades para mejorar "
                "esa gestión, con especial atención a la lucha contra la corrupción;",
                "identificar soluciones prácticas que puedan replicarse en la región.",
            ),
            h2("Una comunidad construida por sus miembros", "construida-por-sus-miembros"),
            p(
                "El diseño y la puesta en marcha de la Comunidad han sido participativos. "
                "Desde el inicio, actores de la sociedad civil, el sector privado, el Estado "
                "y la academia se han involucrado activamente para construir juntos un "
                "espacio que identifique las necesidades y los problemas de la región y "
                "responda a ellos. Allí pueden intercambiar conocimientos y experiencias "
                "prácticas y discutir los problemas del complejo ámbito minero, un proceso "
                "que ayuda a generar la confianza necesaria para proponer soluciones "
                "concretas para el desarrollo de la región."
            ),
            p(
                "En 2022, los participantes trabajaron en talleres presenciales y virtuales "
                "los aspectos fundacionales y operativos de la Comunidad, recogidos en su "
                '<a href="/documento-fundacional/">Documento Fundacional</a>, y definieron '
                "los temas que abordaría. Para ello tomaron en cuenta un estudio que "
                "sistematizó las iniciativas y los programas multiactor de desarrollo "
                "implementados en la región, y el documento de consenso de RIMAY Moquegua, "
                "que prioriza cuatro temas:"
            ),
            bullets(*THEME_NAMES_ES, ordered=True),
            h2("El Grupo Núcleo", "grupo-nucleo"),
            p(
                "La Comunidad formó su Grupo Núcleo inicial con quince instituciones del "
                "gobierno regional, las empresas mineras y el sector privado, la sociedad "
                "civil, los colegios profesionales y la cooperación internacional. Puede "
                'conocerlas en la página del <a href="/grupo-nucleo/">Grupo Núcleo</a>.'
            ),
            h2("La Comunidad sigue creciendo", "sumarse"),
            p(
                "Los participantes seguirán intercambiando experiencias y conocimientos "
                "sobre los temas prioritarios, a partir de experiencias previas y buenas "
                "prácticas, para identificar soluciones que puedan replicarse en la región. "
                "En una etapa posterior, la Comunidad abrirá una convocatoria más amplia "
                "para que otros actores se sumen a su aprendizaje colectivo. Si su "
                'institución desea participar, puede <a href="/unete/">postular desde el '
                "portal</a>."
            ),
        ],
    ),
    en=PageText(
        title="The Community and the RIMAY Moquegua process",
        introduction=(
            "How the Moquegua Community of Learning came about, what it seeks and who drives it."
        ),
        search_description=(
            "Origin of the Moquegua Community of Learning in the RIMAY Moquegua dialogue "
            "(2021), its goals and its Core Group."
        ),
        body=[
            h2("A space to talk about mining in Moquegua", "espacio-de-dialogo"),
            p(
                "In the Moquegua region of southern Peru, representatives of civil society, "
                "government, business and academia have launched a community of learning to "
                "explore together the problems and solutions of mining governance. The "
                "Community offers a neutral space to build and strengthen trust among and "
                "within the different stakeholder groups, to promote dialogue and the "
                "exchange of experience, and to learn together, towards a shared horizon: "
                "more inclusive, fair and effective mining governance."
            ),
            h2("The background: RIMAY Moquegua", "rimay-moquegua"),
            p(
                "In recent years, initiatives linked to Peru's mining sector have sought to "
                "coordinate government, companies, civil society and communities around the "
                "governance of extractive projects. They usually seek consensus that makes "
                "sound governance and collective action possible on specific problems in "
                "each territory. A history of conflict among stakeholders, however, has "
                "limited their results, and many recommendations and lessons have not been "
                "put into practice."
            ),
            p(
                "One of those efforts was <b>RIMAY Moquegua</b>, a regional multi-"
                "stakeholder dialogue held in 2021. It was promoted by the Regional "
                "Government of Moquegua and the Ministry of Energy and Mines, with the "
                "support of the Inter-American Development Bank, and produced a co-created "
                "mining vision for the region. <i>Rimay</i> is a Quechua word meaning “to "
                "speak”."
            ),
            h2("A community of learning for collective action", "accion-colectiva"),
            p(
                "Building on the RIMAY Moquegua process and on the region's long tradition "
                "of multi-stakeholder dialogue, in early 2022 the Leveraging Transparency to "
                "Reduce Corruption initiative (LTRC), led by the Brookings Institution and "
                "Results for Development (R4D), engaged CCPM Consulting Group to create a "
                "community of learning dedicated to strengthening the governance of mining "
                "in Moquegua."
            ),
            p(
                "A community of learning was chosen because it offers a neutral space where "
                "diverse stakeholders can interact and learn about issues of shared "
                "interest, explore opportunities to work together, and so plant the seed of "
                "further collaboration, creativity and collective action."
            ),
            h2("What the Community seeks", "objetivos"),
            p(
                "The Community promotes the exchange of knowledge and experience among the "
                "region's key stakeholders: civil society, academia, business, citizens and "
                "the various levels of government. Its ultimate goal is to help improve "
                "governance and the effective management of mining revenue in Moquegua. To "
                "that end it sets out to:"
            ),
            bullets(
                "produce and share information, studies and lessons learned on managing "
                "mining revenue;",
                "share reflections on the challenges and opportunities for improving that "
                "management, with particular focus on curbing corruption;",
                "identify practical solutions that can be replicated in the region.",
            ),
            h2("A community grown by its members", "construida-por-sus-miembros"),
            p(
                "The Community has been designed and launched in a participatory way. From "
                "the beginning, people from civil society, the private sector, government "
                "and academia have been actively involved in building together a space that "
                "identifies and responds to the needs and problems of their region. There "
                "they can exchange knowledge and practical experience and discuss the "
                "issues of the complex mining sector, a process that helps build the trust "
                "needed to propose concrete solutions for the development of the region."
            ),
            p(
                "In 2022 the participants worked in face-to-face and virtual workshops on "
                "the Community's founding and operational aspects, set out in its "
                '<a href="/en/documento-fundacional/">Foundational Document</a>, and on the '
                "themes it would address. They took into account a study that systematised "
                "the multi-stakeholder development initiatives and programmes carried out in "
                "the region, and the RIMAY Moquegua consensus document, which prioritises "
                "four themes:"
            ),
            bullets(*THEME_NAMES_EN, ordered=True),
            h2("The Core Group", "grupo-nucleo"),
            p(
                "The Community formed its initial Core Group with fifteen institutions from "
                "the regional government, mining companies and the private sector, civil "
                "society, professional associations and international cooperation. You can "
                'meet them on the <a href="/en/grupo-nucleo/">Core Group</a> page.'
            ),
            h2("The Community keeps growing", "sumarse"),
            p(
                "Participants will keep exchanging experience and knowledge on the priority "
                "themes, building on earlier experiences and good practices, to identify "
                "solutions that can be replicated in the region. At a later stage the "
                "Community will issue a broader call for other stakeholders to join its "
                "collective learning. If your institution would like to take part, you can "
                '<a href="/en/unete/">apply through the portal</a>.'
            ),
        ],
    ),
)


# ---- METHODOLOGY

METHODOLOGY = PageSeed(
    key="methodology",
    kind="standard",
    slug="metodologia",
    es=PageText(
        title="Metodología",
        introduction=(
            "Los enfoques en los que se apoya la Comunidad para pasar del intercambio de "
            "experiencias a soluciones que se puedan aplicar."
        ),
        search_description=(
            "Aprendizaje Colaborativo, marco TAP-Plus, gobierno abierto y auditoría social "
            "colaborativa: cómo trabaja la Comunidad de Aprendizaje de Moquegua."
        ),
        body=[
            h2("Aprender de la experiencia", "aprender-de-la-experiencia"),
            p(
                "Para su funcionamiento, la Comunidad usa y adapta metodologías y enfoques "
                "que han dado resultado en proyectos e iniciativas similares. No se trata de "
                "aplicar recetas: cada enfoque se ajusta al contexto de Moquegua y a lo que "
                "sus miembros acuerdan en los talleres."
            ),
            h2("Aprendizaje Colaborativo", "aprendizaje-colaborativo"),
            p(
                "Results for Development (R4D) diseña iniciativas que conectan a quienes "
                "ponen en práctica políticas y programas, a especialistas y a financiadores "
                "de distintos países para construir conocimiento y llevarlo a la práctica. "
                "Su enfoque de Aprendizaje Colaborativo reúne a pares que enfrentan "
                "problemas parecidos para que compartan lo que han probado, analicen juntos "
                "qué funciona y por qué, y adapten las soluciones a su propia realidad."
            ),
            p(
                "En la Comunidad, este enfoque se traduce en talleres de intercambio entre "
                "los actores de la región y en lecciones aprendidas escritas con una "
                "estructura común, para que otros puedan aprovecharlas."
            ),
            h2("El marco TAP-Plus", "tap-plus"),
            p(
                "El marco TAP-Plus de la iniciativa Leveraging Transparency to Reduce "
                "Corruption (LTRC) es un enfoque clave en el diseño de la Comunidad. Parte "
                "de la transparencia, la rendición de cuentas y la participación (TAP, por "
                "sus siglas en inglés) y pone el acento en identificar y priorizar "
                "soluciones centradas en las piezas que faltan en un ecosistema de "
                "gobernanza, teniendo en cuenta las limitaciones y las ventanas de "
                "oportunidad de cada contexto."
            ),
            p(
                "Además, para asegurar el éxito de la Comunidad, se trabaja para incluir a "
                "una amplia diversidad de actores locales."
            ),
            h2("Gobierno abierto", "gobierno-abierto"),
            p(
                "La Alianza para el Gobierno Abierto (Open Government Partnership) reúne a "
                "gobiernos y organizaciones de la sociedad civil que elaboran en conjunto "
                "planes de acción con compromisos concretos de transparencia, participación "
                "ciudadana y rendición de cuentas. De sus prácticas, la Comunidad toma la "
                "cocreación entre Estado y sociedad civil y el seguimiento público de los "
                "compromisos."
            ),
            h2("Auditoría social colaborativa", "auditoria-social"),
            p(
                "La Alianza Global para la Auditoría Social (GPSA, por sus siglas en inglés) "
                "del Banco Mundial apoya a la sociedad civil y a los gobiernos para que "
                "trabajen juntos en la solución de problemas de gestión pública. Su enfoque "
                "de auditoría social colaborativa inspira a la Comunidad a tratar la "
                "vigilancia ciudadana no como una confrontación, sino como una forma de "
                "colaborar para que los recursos públicos, incluida la renta minera, se "
                "usen mejor."
            ),
            h2("Cómo se aplican en la Comunidad", "en-la-practica"),
            table(
                "De los enfoques a la práctica",
                ["Enfoque", "Qué aporta", "Dónde se ve en la Comunidad"],
                [
                    [
                        "Aprendizaje Colaborativo (R4D)",
                        "Aprender entre pares que enfrentan problemas parecidos",
                        "Talleres de intercambio y lecciones aprendidas",
                    ],
                    [
                        "TAP-Plus (LTRC)",
                        "Priorizar las piezas que faltan en el ecosistema de gobernanza",
                        "Elección de los temas prioritarios y de las soluciones que se ensayan",
                    ],
                    [
                        "Gobierno abierto (OGP)",
                        "Cocreación entre Estado y sociedad civil",
                        "Acuerdos y compromisos de los talleres, con seguimiento público",
                    ],
                    [
                        "Auditoría social colaborativa (GPSA)",
                        "Vigilancia ciudadana con enfoque colaborativo",
                        "Experiencias sobre el uso de la renta minera y la prevención de la "
                        "corrupción",
                    ],
                ],
            ),
        ],
    ),
    en=PageText(
        title="Methodology",
        introduction=(
            "The approaches the Community relies on to move from sharing experiences to "
            "solutions that can be applied."
        ),
        search_description=(
            "Collaborative Learning, the TAP-Plus framework, open government and "
            "collaborative social accountability: how the Moquegua Community of Learning "
            "works."
        ),
        body=[
            h2("Learning from experience", "aprender-de-la-experiencia"),
            p(
                "To run the Community, methods and approaches that have worked in similar "
                "projects and initiatives are used and adapted. These are not recipes: each "
                "approach is adjusted to Moquegua's context and to what members agree in "
                "the workshops."
            ),
            h2("Collaborative Learning", "aprendizaje-colaborativo"),
            p(
                "Results for Development (R4D) designs initiatives that connect "
                "implementers, experts and funders across countries to build knowledge and "
                "get that knowledge into practice. Its Collaborative Learning approach "
                "brings together peers facing similar problems so that they share what they "
                "have tried, work out together what works and why, and adapt solutions to "
                "their own situation."
            ),
            p(
                "In the Community this means exchange workshops between the region's "
                "stakeholders and lessons learned written in a common structure, so that "
                "others can make use of them."
            ),
            h2("The TAP-Plus framework", "tap-plus"),
            p(
                "The TAP-Plus framework of the Leveraging Transparency to Reduce Corruption "
                "initiative (LTRC) is a key approach in the Community's design. It starts "
                "from transparency, accountability and participation (TAP) and emphasises "
                "identifying and prioritising solutions that focus on the missing pieces in "
                "a governance ecosystem, while taking into account the limitations and "
                "windows of opportunity of each context."
            ),
            p(
                "In addition, to make the Community a success, work is under way to include "
                "a broad diversity of local partners."
            ),
            h2("Open government", "gobierno-abierto"),
            p(
                "The Open Government Partnership brings together governments and civil "
                "society organisations that jointly draw up action plans with concrete "
                "commitments on transparency, citizen participation and accountability. "
                "From its practices the Community takes co-creation between government and "
                "civil society and the public follow-up of commitments."
            ),
            h2("Collaborative social accountability", "auditoria-social"),
            p(
                "The World Bank's Global Partnership for Social Accountability (GPSA) "
                "supports civil society and governments in working together to solve "
                "problems of public management. Its collaborative social accountability "
                "approach inspires the Community to treat citizen oversight not as "
                "confrontation but as a way of working together so that public resources, "
                "mining revenue included, are better used."
            ),
            h2("How they are applied in the Community", "en-la-practica"),
            table(
                "From approaches to practice",
                ["Approach", "What it brings", "Where it shows in the Community"],
                [
                    [
                        "Collaborative Learning (R4D)",
                        "Learning among peers facing similar problems",
                        "Exchange workshops and lessons learned",
                    ],
                    [
                        "TAP-Plus (LTRC)",
                        "Prioritising the missing pieces in the governance ecosystem",
                        "Choosing the priority themes and the solutions to try",
                    ],
                    [
                        "Open government (OGP)",
                        "Co-creation between government and civil society",
                        "Workshop agreements and commitments, publicly followed up",
                    ],
                    [
                        "Collaborative social accountability (GPSA)",
                        "Citizen oversight in a collaborative spirit",
                        "Experiences on the use of mining revenue and the prevention of corruption",
                    ],
                ],
            ),
        ],
    ),
)


# ---- PRIVACY POLICY

PRIVACY = PageSeed(
    key="privacy",
    kind="standard",
    slug="privacidad",
    es=PageText(
        title="Política de privacidad",
        introduction=(
            "Qué datos personales guarda el portal de la Comunidad, para qué los usa, quién "
            "puede verlos y cómo puede pedir que se corrijan o se eliminen."
        ),
        search_description=(
            "Datos personales en el portal de la Comunidad de Aprendizaje de Moquegua: qué "
            "se guarda, para qué, quién lo ve y cómo ejercer sus derechos."
        ),
        body=[
            h2("Quién es responsable", "responsable"),
            p(
                "El portal de la Comunidad de Aprendizaje de Moquegua lo administra su "
                "equipo de facilitación, que responde por los datos personales que se "
                "registran en él. Puede escribirle a la dirección que figura más abajo, en "
                "«Sus derechos y cómo ejercerlos»."
            ),
            h2("Qué datos guardamos y para qué", "datos"),
            p(
                "Guardamos solo los datos que el portal necesita para funcionar y para "
                "organizar el trabajo de la Comunidad:"
            ),
            table(
                "Datos que guarda el portal",
                ["Cuándo", "Qué datos", "Para qué"],
                [
                    [
                        "Cuenta de miembro",
                        "Nombre, correo electrónico, institución, cargo e idioma preferido; "
                        "la contraseña se guarda de forma irreversible, nunca legible; si "
                        "activa la verificación en dos pasos, sus datos de configuración.",
                        "Identificarle, darle acceso a los espacios de miembros y escribirle "
                        "sobre la actividad de la Comunidad.",
                    ],
                    [
                        "Postulación para unirse",
                        "Nombre, correo electrónico, institución, sector y los motivos que "
                        "usted escribe.",
                        "Evaluar la postulación y responderle.",
                    ],
                    [
                        "Inscripción a talleres",
                        "Su inscripción, su lugar en la lista de espera y su asistencia.",
                        "Organizar los talleres, enviarle avisos y recordatorios y preparar "
                        "informes de participación por sector.",
                    ],
                    [
                        "Aportes y comentarios",
                        "Las lecciones, experiencias y comentarios que usted publica, con su "
                        "nombre e institución.",
                        "Compartir el aprendizaje con la Comunidad y, cuando el aporte es "
                        "público, con cualquier visitante.",
                    ],
                    [
                        "Avisos por correo",
                        "Los mensajes que el portal le envía y si fueron entregados.",
                        "Asegurar que cada aviso llegue una sola vez y mostrarle sus "
                        "notificaciones.",
                    ],
                    [
                        "Navegación",
                        "Una cookie de sesión, una cookie de seguridad de los formularios y "
                        "una cookie con el idioma elegido.",
                        "Hacer funcionar el portal. No usamos cookies de publicidad ni de "
                        "seguimiento.",
                    ],
                ],
            ),
            h2("Quién puede ver sus datos", "quien-los-ve"),
            bullets(
                "Cualquier visitante ve los aportes públicos, con el nombre y la institución "
                "de quienes los escribieron, y las instituciones del Grupo Núcleo.",
                "Los miembros de la Comunidad ven además el directorio de miembros (nombre, "
                "institución y cargo), los aportes reservados a miembros, los comentarios y "
                "los comentarios al Documento Fundacional.",
                "El equipo de facilitación ve también las postulaciones, las inscripciones y "
                "la asistencia a los talleres, para organizar el trabajo de la Comunidad.",
                "No vendemos ni cedemos sus datos. Solo los tratan, por encargo de la "
                "Comunidad, los servicios técnicos indispensables para que el portal "
                "funcione, como el alojamiento y el envío de correos.",
            ),
            h2("Cuánto tiempo los conservamos", "conservacion"),
            p(
                "Conservamos los datos de su cuenta mientras sea miembro de la Comunidad. "
                "Las postulaciones, inscripciones y avisos se conservan el tiempo necesario "
                "para los fines indicados y como memoria de las actividades de la "
                "Comunidad. Los aportes publicados forman parte del acervo común de "
                "aprendizaje: si deja la Comunidad, puede pedir que se retire su nombre de "
                "ellos o que se retiren por completo."
            ),
            h2("Sus derechos y cómo ejercerlos", "derechos"),
            p(
                "De acuerdo con la Ley N.° 29733, Ley de Protección de Datos Personales, y "
                "su reglamento, usted puede pedir el acceso a sus datos, su rectificación y "
                "su cancelación, y oponerse a su tratamiento. Buena parte de sus datos puede "
                "corregirlos usted mismo desde «Mi espacio»; para todo lo demás, escriba al "
                "equipo de facilitación indicando su nombre y el correo con el que se "
                "registró. Le responderemos dentro de los plazos que fija la ley."
            ),
            contact_details(),
            p(
                "Si considera que no se atendieron sus derechos, puede acudir a la Autoridad "
                "Nacional de Protección de Datos Personales del Ministerio de Justicia y "
                "Derechos Humanos."
            ),
            h2("Cambios en esta política", "cambios"),
            p(
                "Si cambiamos esta política, publicaremos aquí la nueva versión. La fecha de "
                "la última actualización figura al pie de esta página."
            ),
        ],
    ),
    en=PageText(
        title="Privacy policy",
        introduction=(
            "Which personal data the Community's portal keeps, what it uses them for, who "
            "can see them and how you can ask for them to be corrected or deleted."
        ),
        search_description=(
            "Personal data on the Moquegua Community of Learning portal: what is kept, why, "
            "who sees it and how to exercise your rights."
        ),
        body=[
            h2("Who is responsible", "responsable"),
            p(
                "The Moquegua Community of Learning portal is run by the Community's "
                "facilitation team, which is responsible for the personal data recorded on "
                "it. You can write to the address given below, under “Your rights and how "
                "to exercise them”."
            ),
            h2("Which data we keep and why", "datos"),
            p(
                "We keep only the data the portal needs to work and to organise the "
                "Community's activities:"
            ),
            table(
                "Data kept by the portal",
                ["When", "Which data", "What for"],
                [
                    [
                        "Member account",
                        "Name, e-mail address, institution, position and preferred "
                        "language; the password is stored in an irreversible form, never "
                        "readable; if you turn on two-step verification, its settings.",
                        "To identify you, give you access to the members' areas and write "
                        "to you about the Community's activities.",
                    ],
                    [
                        "Application to join",
                        "Name, e-mail address, institution, sector and the reasons you give.",
                        "To consider your application and answer you.",
                    ],
                    [
                        "Workshop registration",
                        "Your registration, your place on the waiting list and your attendance.",
                        "To organise workshops, send you notices and reminders and prepare "
                        "participation reports by sector.",
                    ],
                    [
                        "Contributions and comments",
                        "The lessons, experiences and comments you publish, with your name "
                        "and institution.",
                        "To share learning with the Community and, when a contribution is "
                        "public, with any visitor.",
                    ],
                    [
                        "E-mail notices",
                        "The messages the portal sends you and whether they were delivered.",
                        "To make sure each notice arrives once and to show you your notifications.",
                    ],
                    [
                        "Browsing",
                        "A session cookie, a form security cookie and a cookie with the "
                        "language you chose.",
                        "To make the portal work. We use no advertising or tracking cookies.",
                    ],
                ],
            ),
            h2("Who can see your data", "quien-los-ve"),
            bullets(
                "Any visitor sees public contributions, with the name and institution of "
                "their authors, and the institutions of the Core Group.",
                "Members of the Community also see the members' directory (name, "
                "institution and position), members-only contributions, comments and the "
                "comments on the Foundational Document.",
                "The facilitation team also sees applications, registrations and workshop "
                "attendance, to organise the Community's work.",
                "We do not sell or hand over your data. They are processed on the "
                "Community's behalf only by the technical services the portal cannot work "
                "without, such as hosting and e-mail delivery.",
            ),
            h2("How long we keep them", "conservacion"),
            p(
                "We keep your account data for as long as you are a member of the "
                "Community. Applications, registrations and notices are kept for as long as "
                "the purposes above require and as a record of the Community's activities. "
                "Published contributions are part of the shared body of learning: if you "
                "leave the Community, you can ask for your name to be removed from them or "
                "for them to be withdrawn altogether."
            ),
            h2("Your rights and how to exercise them", "derechos"),
            p(
                "Under Peru's Personal Data Protection Law (Law No. 29733) and its "
                "regulations, you can ask for access to your data, their correction and "
                "their deletion, and object to their processing. You can correct much of "
                "your data yourself in “My space”; for anything else, write to the "
                "facilitation team with your name and the e-mail address you registered "
                "with. We will answer within the time the law sets."
            ),
            contact_details(),
            p(
                "If you believe your rights have not been respected, you can turn to the "
                "National Authority for the Protection of Personal Data of Peru's Ministry "
                "of Justice and Human Rights."
            ),
            h2("Changes to this policy", "cambios"),
            p(
                "If we change this policy, we will publish the new version here. The date "
                "of the last update is shown at the foot of this page."
            ),
        ],
    ),
)


# ---- CONTACT

CONTACT = PageSeed(
    key="contact",
    kind="contact",
    slug="contacto",
    es=PageText(
        title="Contacto",
        introduction="Cómo comunicarse con el equipo de facilitación de la Comunidad.",
        search_description=(
            "Cómo escribir al equipo de facilitación de la Comunidad de Aprendizaje de "
            "Moquegua y cómo sumarse a ella."
        ),
        body=[
            h2("El equipo de facilitación", "facilitacion"),
            p(
                "La Comunidad de Aprendizaje de Moquegua nació en 2022, a partir del diálogo "
                "RIMAY Moquegua, con el acompañamiento de la iniciativa Leveraging "
                "Transparency to Reduce Corruption y de CCPM Consulting Group. Un equipo de "
                "facilitación neutral convoca los talleres, acompaña al Grupo Núcleo y cuida "
                "que todos los sectores tengan voz."
            ),
            p(
                "Escríbale para consultar sobre la Comunidad, sus talleres y el portal, para "
                "proponer un tema o una experiencia que merezca compartirse, o para avisar "
                "de un problema en el portal. Responde por correo, normalmente en pocos "
                "días hábiles."
            ),
            contact_details(),
            h2("Para sumarse a la Comunidad", "sumarse"),
            p(
                "Si su institución o usted desea participar, complete la "
                '<a href="/unete/">postulación en línea</a>: la facilitación la revisa y le '
                "responde por correo."
            ),
            h2("Si ya es miembro", "miembros"),
            p(
                "Ingrese al portal para inscribirse en los talleres, compartir lecciones y "
                "comentar el Documento Fundacional. Si olvidó su contraseña, puede "
                "restablecerla desde la página de ingreso."
            ),
        ],
    ),
    en=PageText(
        title="Contact",
        introduction="How to reach the Community's facilitation team.",
        search_description=(
            "How to write to the facilitation team of the Moquegua Community of Learning "
            "and how to join it."
        ),
        body=[
            h2("The facilitation team", "facilitacion"),
            p(
                "The Moquegua Community of Learning began in 2022, building on the RIMAY "
                "Moquegua dialogue, with the support of the Leveraging Transparency to "
                "Reduce Corruption initiative and CCPM Consulting Group. A neutral "
                "facilitation team convenes the workshops, works with the Core Group and "
                "makes sure every sector has a voice."
            ),
            p(
                "Write to the team with questions about the Community, its workshops and "
                "the portal, to suggest a topic or an experience worth sharing, or to report "
                "a problem with the portal. It answers by e-mail, usually within a few "
                "working days."
            ),
            contact_details(),
            h2("Joining the Community", "sumarse"),
            p(
                "If you or your institution would like to take part, fill in the "
                '<a href="/en/unete/">online application</a>: the facilitation team reviews '
                "it and answers you by e-mail."
            ),
            h2("If you are already a member", "miembros"),
            p(
                "Log in to register for workshops, share lessons and comment on the "
                "Foundational Document. If you have forgotten your password, you can reset "
                "it from the login page."
            ),
        ],
    ),
)


# ---- NEWS INDEX

NEWS_INDEX = PageSeed(
    key="news_index",
    kind="news_index",
    slug="noticias",
    es=PageText(
        title="Noticias y convocatorias",
        introduction=(
            "<p>Novedades de la Comunidad: noticias, anuncios y convocatorias para participar.</p>"
        ),
        search_description="Noticias, anuncios y convocatorias de la Comunidad de Aprendizaje de Moquegua.",
    ),
    en=PageText(
        title="News and calls",
        introduction=(
            "<p>What is new in the Community: news, announcements and calls for participation.</p>"
        ),
        search_description="News, announcements and calls of the Moquegua Community of Learning.",
    ),
)

# In the order the seed creates them (children of the home page).
PAGES: tuple[PageSeed, ...] = (
    FOUNDATIONAL_DOCUMENT,
    NEWS_INDEX,
    ABOUT,
    METHODOLOGY,
    PRIVACY,
    CONTACT,
)


# ---- DEMO NEWS (seed_demo only)


@dataclass(frozen=True)
class ArticleSeed:
    key: str
    slug: str
    kind: str  # resources.pages.ArticleKind
    days_ago: int
    es: PageText  # introduction is the article's summary
    en: PageText


DEMO_ARTICLES: tuple[ArticleSeed, ...] = (
    ArticleSeed(
        key="demo_news_portal",
        slug="la-comunidad-estrena-su-portal",
        kind="news",
        days_ago=21,
        es=PageText(
            title="La Comunidad estrena su portal",
            introduction=(
                "Un espacio en línea para compartir lecciones, inscribirse en los talleres "
                f"y comentar el Documento Fundacional. ({DEMO_NOTE_ES}.)"
            ),
            search_description="",
            body=[
                p(f"<i>{DEMO_NOTE_ES}: esta noticia ilustra cómo se ven las noticias.</i>"),
                p(
                    "La Comunidad de Aprendizaje de Moquegua cuenta desde hoy con un portal "
                    "propio. En él, los miembros pueden publicar lecciones y experiencias "
                    "sobre los cuatro temas prioritarios, inscribirse en los talleres y "
                    "comentar cada sección del Documento Fundacional."
                ),
                p(
                    "Los visitantes pueden leer las lecciones públicas, conocer el Grupo "
                    "Núcleo y postular para sumarse a la Comunidad."
                ),
            ],
        ),
        en=PageText(
            title="The Community launches its portal",
            introduction=(
                "An online space to share lessons, register for workshops and comment on "
                f"the Foundational Document. ({DEMO_NOTE_EN}.)"
            ),
            search_description="",
            body=[
                p(f"<i>{DEMO_NOTE_EN}: this item shows what news looks like.</i>"),
                p(
                    "The Moquegua Community of Learning now has a portal of its own. "
                    "Members can publish lessons and experiences on the four priority "
                    "themes, register for workshops and comment on each section of the "
                    "Foundational Document."
                ),
                p(
                    "Visitors can read the public lessons, meet the Core Group and apply to "
                    "join the Community."
                ),
            ],
        ),
    ),
    ArticleSeed(
        key="demo_call_canon",
        slug="convocatoria-experiencias-renta-minera",
        kind="call",
        days_ago=9,
        es=PageText(
            title="Convocatoria: comparta su experiencia con la renta minera",
            introduction=(
                "Buscamos experiencias de vigilancia y de buen uso del canon minero en las "
                f"tres provincias de la región. ({DEMO_NOTE_ES}.)"
            ),
            search_description="",
            body=[
                p(
                    f"<i>{DEMO_NOTE_ES}: esta convocatoria ilustra cómo se ven las convocatorias.</i>"
                ),
                p(
                    "Para el próximo ciclo de talleres sobre el cierre de brechas en "
                    "servicios públicos, la Comunidad invita a sus miembros a compartir "
                    "experiencias en las que la renta minera se tradujo en mejores servicios, "
                    "o en las que la vigilancia ciudadana ayudó a corregir problemas."
                ),
                bullets(
                    "Experiencias de Mariscal Nieto, General Sánchez Cerro o Ilo.",
                    "Contadas con la estructura de las lecciones: contexto, desafío, lo que "
                    "se hizo, resultados, lección y recomendaciones.",
                    "Publicadas en el portal antes del próximo taller.",
                ),
            ],
        ),
        en=PageText(
            title="Call: share your experience with mining revenue",
            introduction=(
                "We are looking for experiences of oversight and good use of the mining "
                f"canon in the region's three provinces. ({DEMO_NOTE_EN}.)"
            ),
            search_description="",
            body=[
                p(f"<i>{DEMO_NOTE_EN}: this call shows what calls look like.</i>"),
                p(
                    "For the next round of workshops on closing gaps in public services, the "
                    "Community invites its members to share experiences where mining revenue "
                    "turned into better services, or where citizen oversight helped put "
                    "problems right."
                ),
                bullets(
                    "Experiences from Mariscal Nieto, General Sánchez Cerro or Ilo.",
                    "Told in the lessons' structure: context, challenge, what was done, "
                    "results, lesson and recommendations.",
                    "Published on the portal before the next workshop.",
                ),
            ],
        ),
    ),
    ArticleSeed(
        key="demo_announcement_water",
        slug="ciclo-de-talleres-agua",
        kind="announcement",
        days_ago=3,
        es=PageText(
            title="Nuevo ciclo de talleres sobre la gestión del agua",
            introduction=(
                "Tres encuentros, presenciales y virtuales, para intercambiar experiencias "
                f"de gestión del agua por cuenca. ({DEMO_NOTE_ES}.)"
            ),
            search_description="",
            body=[
                p(f"<i>{DEMO_NOTE_ES}: este anuncio ilustra cómo se ven los anuncios.</i>"),
                p(
                    "El agua es escasa en Moquegua y la comparten la agricultura, las "
                    "ciudades y la minería. El nuevo ciclo de talleres reunirá a usuarios, "
                    "autoridades y empresas para conocer experiencias de gestión conjunta y "
                    "de información abierta sobre el agua."
                ),
                p(
                    "Las fechas y los lugares se publicarán en la sección de talleres, donde "
                    "los miembros podrán inscribirse."
                ),
            ],
        ),
        en=PageText(
            title="New round of workshops on water management",
            introduction=(
                "Three meetings, face-to-face and virtual, to exchange experiences of "
                f"river-basin water management. ({DEMO_NOTE_EN}.)"
            ),
            search_description="",
            body=[
                p(f"<i>{DEMO_NOTE_EN}: this announcement shows what announcements look like.</i>"),
                p(
                    "Water is scarce in Moquegua and is shared by agriculture, towns and "
                    "mining. The new round of workshops will bring users, authorities and "
                    "companies together to learn about experiences of joint management and "
                    "open information on water."
                ),
                p(
                    "Dates and places will be published in the workshops section, where "
                    "members will be able to register."
                ),
            ],
        ),
    ),
)
