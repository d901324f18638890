"""The texts the seed commands write, kept as data so they can be read and corrected apart
from the code that writes them.

Spanish first (the portal's default language); English where the model has an _en field.
The Core Group and theme texts are written from the Community's public description
(shared/reference) and say only what kind of institution each one is: nothing here
attributes deeds, figures or quotes to a real institution or person. The demo people are
invented, and every demo account says so in its position.
"""

from dataclasses import dataclass

from members.models import Sector


@dataclass(frozen=True)
class InstitutionSeed:
    name: str
    short_name: str
    sector: str
    description: str
    website: str = ""


@dataclass(frozen=True)
class ThemeSeed:
    order: int
    slug: str
    name_es: str
    name_en: str
    short_description_es: str
    short_description_en: str
    color: str


@dataclass(frozen=True)
class DemoPersonSeed:
    email: str
    full_name: str
    role: str  # "member" or "facilitator" (members.roles.set_role)
    institution_name: str  # one of CORE_GROUP_INSTITUTIONS
    position: str


# ---- CORE GROUP

# The institution writes its name with an en dash.
CEOP_ILO_NAME = "Centro de Educación, Organización y Promoción del Desarrollo – Ilo"  # noqa: RUF001

# The 15 institutions of the Community's initial Core Group, in the order of the
# reference text. The name is the stable key: the seed finds an institution by it.
#
# Two of them sit between the State and civil society, and their sector is a choice:
# - The Fondo de Desarrollo de Moquegua is a civil association by law, but its board is
#   made up of the regional governor and the provincial mayors (beside the chambers of
#   commerce and the mining company) and it decides on investments for the region, so in
#   the Community's dialogue it speaks with the regional and local authorities.
# - The Mesa de Concertación para la Lucha Contra la Pobreza brings the State and civil
#   society together, but it has no executive or budgetary power: its work is citizen
#   participation and the joint follow-up of public policy, so it is counted with civil
#   society, the side whose voice it adds to the dialogue.
CORE_GROUP_INSTITUTIONS: tuple[InstitutionSeed, ...] = (
    InstitutionSeed(
        name="Gobierno Regional de Moquegua",
        short_name="GORE Moquegua",
        sector=Sector.GOVERNMENT_REGIONAL_LOCAL,
        description=(
            "Gobierno regional del departamento de Moquegua, que comprende las provincias de "
            "Mariscal Nieto, General Sánchez Cerro e Ilo. Promovió el proceso de diálogo "
            "RIMAY Moquegua junto con el Ministerio de Energía y Minas."
        ),
    ),
    InstitutionSeed(
        name="Fondo de Desarrollo de Moquegua",
        short_name="FDM",
        sector=Sector.GOVERNMENT_REGIONAL_LOCAL,
        description=(
            "Asociación civil creada en cumplimiento de los acuerdos de la mesa de diálogo "
            "sobre el proyecto minero Quellaveco, para administrar el aporte de la empresa "
            "destinado al desarrollo de la región. En su consejo directivo participan las "
            "autoridades regionales y locales."
        ),
    ),
    InstitutionSeed(
        name="Mesa de Concertación de Lucha Contra la Pobreza en Moquegua",
        short_name="MCLCP Moquegua",
        sector=Sector.CIVIL_SOCIETY,
        description=(
            "Espacio de concertación entre el Estado y la sociedad civil de la región, "
            "dedicado a la participación ciudadana y al seguimiento de las políticas "
            "públicas de lucha contra la pobreza."
        ),
    ),
    InstitutionSeed(
        name=CEOP_ILO_NAME,
        short_name="CEOP ILO",
        sector=Sector.CIVIL_SOCIETY,
        description=(
            "Organización no gubernamental con sede en Ilo que trabaja en educación, "
            "organización social y promoción del desarrollo local."
        ),
    ),
    InstitutionSeed(
        name="Propuesta Ciudadana",
        short_name="Propuesta Ciudadana",
        sector=Sector.CIVIL_SOCIETY,
        description=(
            "Consorcio de organizaciones no gubernamentales peruanas que promueve la "
            "participación y la vigilancia ciudadana, la descentralización y la "
            "transparencia en el uso de los recursos públicos, incluidos los que provienen "
            "de las industrias extractivas."
        ),
    ),
    InstitutionSeed(
        name="Colectivo Frida Morante Soria",
        short_name="Colectivo Frida Morante",
        sector=Sector.CIVIL_SOCIETY,
        description="Colectivo de la sociedad civil de la región Moquegua.",
    ),
    InstitutionSeed(
        name="Instituto de Formación Social, Comunicación y Juventud",
        short_name="Instituto de Formación Social",
        sector=Sector.CIVIL_SOCIETY,
        description=(
            "Organización de la sociedad civil dedicada a la formación social, la "
            "comunicación y el trabajo con jóvenes."
        ),
    ),
    InstitutionSeed(
        name="Moquegua Crece",
        short_name="Moquegua Crece",
        sector=Sector.CIVIL_SOCIETY,
        description="Organización de la sociedad civil orientada al desarrollo de la región Moquegua.",
    ),
    InstitutionSeed(
        name="Colegio de Economistas de Moquegua",
        short_name="CEM",
        sector=Sector.ACADEMIA,
        description="Colegio profesional que agrupa a los economistas de la región Moquegua.",
    ),
    InstitutionSeed(
        name="Cámara de Comercio e Industria de Moquegua",
        short_name="Cámara de Comercio de Moquegua",
        sector=Sector.PRIVATE_MINING,
        description=(
            "Gremio empresarial que representa a empresas de comercio, industria y "
            "servicios de la región Moquegua."
        ),
    ),
    InstitutionSeed(
        name="Minera Hampton Perú",
        short_name="Hampton Perú",
        sector=Sector.PRIVATE_MINING,
        description="Empresa del sector minero con presencia en la región Moquegua.",
    ),
    InstitutionSeed(
        name="Southern Perú Copper Corporation",
        short_name="Southern Perú",
        sector=Sector.PRIVATE_MINING,
        description=(
            "Empresa minera productora de cobre. En la región Moquegua opera la mina "
            "Cuajone, en la provincia de Mariscal Nieto, y la fundición y refinería de Ilo."
        ),
    ),
    InstitutionSeed(
        name="Anglo American Perú",
        short_name="Anglo American",
        sector=Sector.PRIVATE_MINING,
        description=(
            "Empresa minera. En la región Moquegua opera la mina de cobre Quellaveco, en la "
            "provincia de Mariscal Nieto."
        ),
    ),
    InstitutionSeed(
        name="MINSUS-GIZ",
        short_name="MINSUS-GIZ",
        sector=Sector.COOPERATION,
        description=(
            "Programa regional de cooperación para la minería sustentable en los países "
            "andinos, implementado por la Cooperación Alemana para el Desarrollo (GIZ)."
        ),
    ),
    InstitutionSeed(
        name="Iniciativa para la Transparencia en las Industrias Extractivas",
        short_name="EITI",
        sector=Sector.COOPERATION,
        description=(
            "Estándar internacional que promueve la transparencia de los pagos de las "
            "empresas extractivas y de los ingresos que recibe el Estado, con la "
            "participación conjunta de gobierno, empresas y sociedad civil."
        ),
    ),
)


# ---- THEMES

# The four priority themes of the RIMAY Moquegua consensus document, in its order. The
# slug is the stable key. Each colour carries white text at 4.5:1 or better (WCAG AA).
THEMES: tuple[ThemeSeed, ...] = (
    ThemeSeed(
        order=1,
        slug="brechas-y-renta-minera",
        name_es="Cierre de brechas en servicios públicos y uso de la renta minera",
        name_en="Closing gaps in public services and use of mining revenue",
        short_description_es=(
            "Gran parte de la renta minera llega a Moquegua como canon minero, la parte del "
            "impuesto a la renta de las empresas mineras que se transfiere al gobierno "
            "regional y a los municipios. Este tema reúne experiencias para convertir esos "
            "recursos en mejores servicios de agua, salud, educación y conectividad, con "
            "inversiones bien priorizadas, transparentes y vigiladas por la ciudadanía."
        ),
        short_description_en=(
            "Much of the mining revenue reaches Moquegua as the mining canon, the share of "
            "mining companies' income tax transferred to the regional government and the "
            "municipalities. This theme gathers experiences in turning that money into "
            "better water, health, education and connectivity services, through "
            "well-prioritised, transparent investment that citizens can monitor."
        ),
        color="#7a5c00",
    ),
    ThemeSeed(
        order=2,
        slug="diversificacion-productiva",
        name_es="Diversificación productiva",
        name_en="Diversification of production",
        short_description_es=(
            "La economía de la región depende en gran medida del cobre, y las minas no "
            "duran para siempre. Este tema explora cómo fortalecer otras actividades, como "
            "la palta, la uva y el pisco, el olivo y la ganadería altoandina, y cómo la "
            "renta minera y las empresas pueden apoyar cadenas productivas que den empleo "
            "más allá de la minería."
        ),
        short_description_en=(
            "The region's economy depends heavily on copper, and mines do not last forever. "
            "This theme explores how to strengthen other activities, such as avocados, "
            "grapes and pisco, olives and highland livestock farming, and how mining "
            "revenue and companies can support value chains that create jobs beyond mining."
        ),
        color="#6b3a8c",
    ),
    ThemeSeed(
        order=3,
        slug="recursos-hidricos",
        name_es="Gestión integrada de recursos hídricos",
        name_en="Integrated water resources management",
        short_description_es=(
            "El agua es escasa en Moquegua y la comparten la agricultura de los valles, las "
            "ciudades y la minería. Este tema busca experiencias de gestión conjunta por "
            "cuenca: información abierta sobre la disponibilidad y los usos del agua, "
            "infraestructura de almacenamiento y riego, y espacios donde usuarios, "
            "autoridades y empresas acuerden cómo cuidarla y repartirla."
        ),
        short_description_en=(
            "Water is scarce in Moquegua and is shared by valley agriculture, towns and "
            "mining. This theme looks for experiences of joint management at river-basin "
            "level: open information on how much water there is and how it is used, "
            "storage and irrigation infrastructure, and forums where users, authorities "
            "and companies agree on how to protect and share it."
        ),
        color="#0b5f73",
    ),
    ThemeSeed(
        order=4,
        slug="gestion-ambiental",
        name_es="Gestión de aspectos ambientales",
        name_en="Management of environmental aspects",
        short_description_es=(
            "La actividad minero-metalúrgica plantea desafíos ambientales que preocupan a "
            "la población, como el manejo de los relaves y la calidad del aire. Este tema "
            "reúne aprendizajes sobre monitoreo ambiental participativo, acceso a "
            "información confiable, fiscalización y prevención, para que el desarrollo de "
            "la región no ponga en riesgo la salud de las personas ni los ecosistemas."
        ),
        short_description_en=(
            "Mining and metallurgy raise environmental challenges that worry local people, "
            "such as tailings management and air quality. This theme gathers lessons on "
            "participatory environmental monitoring, access to reliable information, "
            "oversight and prevention, so that the region's development does not put "
            "people's health or ecosystems at risk."
        ),
        color="#2d6a3e",
    ),
)


# ---- HOME PAGE

# Wagtail rich text (the HomePage.intro field allows bold, italic, links and lists).
HOME_INTRO_HTML = (
    "<p>La <b>Comunidad de Aprendizaje de Moquegua</b> es un espacio neutral donde "
    "representantes del gobierno, las empresas, la sociedad civil, la academia y la "
    "ciudadanía de la región se encuentran para dialogar, intercambiar experiencias y "
    "aprender juntos sobre la gobernanza de la minería.</p>"
    "<p>Parte del camino abierto por <b>RIMAY Moquegua</b> (<i>rimay</i> significa "
    "«hablar» en quechua), el diálogo multiactor que en 2021 construyó una visión minera "
    "compartida para la región, promovido por el Gobierno Regional de Moquegua y el "
    "Ministerio de Energía y Minas con el apoyo del Banco Interamericano de Desarrollo. "
    "En 2022, la iniciativa <i>Leveraging Transparency to Reduce Corruption</i>, liderada "
    "por Brookings Institution y Results for Development, se unió a CCPM Consulting Group "
    "para dar forma a esta Comunidad junto con sus miembros.</p>"
    "<p>Nuestro propósito es que la renta minera se gestione de manera inclusiva, justa y "
    "eficaz, y que se traduzca en mejores servicios y oportunidades para la población. "
    "Para lograrlo, la Comunidad:</p>"
    "<ul>"
    "<li>construye confianza entre actores que muchas veces han estado distanciados;</li>"
    "<li>produce y difunde información, estudios y lecciones aprendidas sobre la gestión "
    "de la renta minera, con especial atención a la prevención de la corrupción;</li>"
    "<li>busca soluciones prácticas, que puedan replicarse en la región, en torno a los "
    "cuatro temas priorizados por RIMAY Moquegua.</li>"
    "</ul>"
)

HOME_JOIN_CALL = (
    "La Comunidad está abierta a las instituciones y personas de Moquegua que quieran "
    "aportar su experiencia: autoridades, empresas, organizaciones sociales, universidades, "
    "colegios profesionales y ciudadanía. Cuéntenos quién es y por qué desea participar."
)

HOME_SEARCH_DESCRIPTION = (
    "Espacio neutral donde gobierno, empresas, sociedad civil y academia de Moquegua "
    "comparten experiencias para una gobernanza minera inclusiva, justa y transparente."
)


# ---- DEMO PEOPLE

# Invented people (no real person is meant). The facilitator sits at MINSUS-GIZ: an
# international cooperation programme is the Core Group member with no stake of its own
# in the region's disputes, the nearest thing in it to the neutral facilitation the
# Community asks for.
DEMO_NOTE = "cuenta de demostración"

DEMO_PEOPLE: tuple[DemoPersonSeed, ...] = (
    DemoPersonSeed(
        email="facilitator@example.org",
        full_name="Lucía Mendoza Flores",
        role="facilitator",
        institution_name="MINSUS-GIZ",
        position=f"Facilitadora de la Comunidad ({DEMO_NOTE})",
    ),
    DemoPersonSeed(
        email="member@example.org",
        full_name="Carlos Huamán Quispe",
        role="member",
        institution_name="Propuesta Ciudadana",
        position=f"Especialista en vigilancia ciudadana ({DEMO_NOTE})",
    ),
    DemoPersonSeed(
        email="member2@example.org",
        full_name="Patricia Salas Cornejo",
        role="member",
        institution_name="Southern Perú Copper Corporation",
        position=f"Especialista en relaciones comunitarias ({DEMO_NOTE})",
    ),
    DemoPersonSeed(
        email="gobierno.regional@example.org",
        full_name="Jorge Ticona Mamani",
        role="member",
        institution_name="Gobierno Regional de Moquegua",
        position=f"Especialista en planeamiento y presupuesto ({DEMO_NOTE})",
    ),
    DemoPersonSeed(
        email="economistas@example.org",
        full_name="Rosa Chambilla Cutipa",
        role="member",
        institution_name="Colegio de Economistas de Moquegua",
        position=f"Economista, comisión de finanzas públicas ({DEMO_NOTE})",
    ),
    DemoPersonSeed(
        email="ceop.ilo@example.org",
        full_name="Miguel Ángel Coaguila Pari",
        role="member",
        institution_name=CEOP_ILO_NAME,
        position=f"Promotor de desarrollo local en Ilo ({DEMO_NOTE})",
    ),
    DemoPersonSeed(
        email="camara.comercio@example.org",
        full_name="Verónica Arias Benavides",
        role="member",
        institution_name="Cámara de Comercio e Industria de Moquegua",
        position=f"Coordinadora de proyectos productivos ({DEMO_NOTE})",
    ),
    DemoPersonSeed(
        email="eiti@example.org",
        full_name="Daniel Cárdenas Rojas",
        role="member",
        institution_name="Iniciativa para la Transparencia en las Industrias Extractivas",
        position=f"Analista de transparencia subnacional ({DEMO_NOTE})",
    ),
)
