"""The demo calendar of workshops `seed_demo` writes: the data, and the step that writes it.

Past workshops were held and have their outcomes, agreements and commitments (tracked:
some done, some in progress, some overdue), attendance and the lessons shared there.
Upcoming ones cover every modality (face-to-face in Moquegua, Ilo and Omate, virtual,
hybrid) and state (open, full with a waitlist, members-only, registration closed, a draft
seen only in the admin, a cancelled one). The demo people of `seed_content.DEMO_PEOPLE`
register and attend, so participation by sector shows several sectors.

Like the demo lessons, they are illustrative: the commitments are made by Core Group
institutions because the Community's follow-up works that way, but no text attributes
deeds, figures, quotes or wrongdoing to a real institution or person, and every
description and summary ends with DEMO_MARK. Dates are relative to the day of seeding.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from col_portal.demo_lessons import (
    CAMARA,
    CANON,
    CEM,
    CEOP,
    DEMO_MARK,
    DIVERSIFICATION,
    EITI,
    ENVIRONMENT,
    FACILITATOR,
    GORE,
    PROPUESTA,
    SOUTHERN,
    WATER,
)
from col_portal.seed_content import CEOP_ILO_NAME
from members.models import Institution, Notification
from themes.models import Contribution, Theme, Visibility
from workshops import services
from workshops.models import (
    AgendaItem,
    Commitment,
    CommitmentStatus,
    Modality,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)

LIMA = ZoneInfo(settings.TIME_ZONE)

# Core Group institutions (seed_content.CORE_GROUP_INSTITUTIONS), by their stable name.
I_GORE = "Gobierno Regional de Moquegua"
I_MCLCP = "Mesa de Concertación de Lucha Contra la Pobreza en Moquegua"
I_CEOP = CEOP_ILO_NAME
I_PROPUESTA = "Propuesta Ciudadana"
I_IFS = "Instituto de Formación Social, Comunicación y Juventud"
I_CRECE = "Moquegua Crece"
I_CEM = "Colegio de Economistas de Moquegua"
I_CAMARA = "Cámara de Comercio e Industria de Moquegua"
I_SOUTHERN = "Southern Perú Copper Corporation"
I_ANGLO = "Anglo American Perú"
I_GIZ = "MINSUS-GIZ"
I_EITI = "Iniciativa para la Transparencia en las Industrias Extractivas"

# The invented demo people who speak at the demo workshops (seed_content.DEMO_PEOPLE).
LUCIA = "Lucía Mendoza Flores"
CARLOS = "Carlos Huamán Quispe"
PATRICIA = "Patricia Salas Cornejo"
JORGE = "Jorge Ticona Mamani"
ROSA = "Rosa Chambilla Cutipa"
MIGUEL = "Miguel Ángel Coaguila Pari"
VERONICA = "Verónica Arias Benavides"
DANIEL = "Daniel Cárdenas Rojas"

# Meeting links of the demo: example.org never hosts a real meeting.
ONLINE = "https://reuniones.example.org/comunidad-moquegua/"


@dataclass(frozen=True)
class DemoAgendaItem:
    time: str  # "HH:MM", Lima time
    title: str
    speaker: str = ""
    institution: str = ""  # name of a Core Group institution


@dataclass(frozen=True)
class DemoCommitment:
    description: str
    institution: str  # name of the responsible Core Group institution
    due_in_days: int  # from the day of seeding; negative: already due
    status: str = CommitmentStatus.PENDING
    completed_days_ago: int | None = None  # for DONE


@dataclass(frozen=True)
class DemoWorkshop:
    slug: str  # the stable key: a workshop with this slug is never seeded twice
    title: str
    description: str
    themes: tuple[str, ...]
    modality: str
    days_from_today: int  # negative: a past workshop
    start: str  # "HH:MM", Lima time
    hours: float
    status: str
    capacity: int
    venue: str = ""
    address: str = ""
    city: str = ""
    online_path: str = ""  # after ONLINE, for virtual and hybrid workshops
    visibility: str = Visibility.PUBLIC
    agenda: tuple[DemoAgendaItem, ...] = ()
    # In the order they registered (demo people's e-mails). Upcoming: through the
    # registration service, which confirms or waitlists. Past: all of them confirmed.
    participants: tuple[str, ...] = ()
    attended: tuple[str, ...] = ()  # past workshops: who came (the others were absent)
    outcomes: str = ""
    commitments: tuple[DemoCommitment, ...] = ()
    lessons: tuple[str, ...] = ()  # slugs of demo contributions shared at the workshop
    cancellation_reason: str = ""

    def description_with_mark(self) -> str:
        return f"{self.description}\n\n{DEMO_MARK}"

    def outcomes_with_mark(self) -> str:
        return f"{self.outcomes}\n\n{DEMO_MARK}" if self.outcomes else ""

    @property
    def is_past(self) -> bool:
        return self.days_from_today < 0


WORKSHOPS: tuple[DemoWorkshop, ...] = (
    # ---- Past workshops: held, with outcomes, commitments, attendance and lessons
    DemoWorkshop(
        slug="seguimiento-del-gasto-del-canon-en-tu-distrito",
        title="¿Cómo seguir el gasto del canon minero en tu distrito?",
        description=(
            "Taller práctico para aprender a consultar en los portales públicos cuánto canon "
            "minero recibe cada municipalidad, en qué proyectos se invierte y cómo avanzan. "
            "Trabajaremos con casos de obras de agua y saneamiento de la provincia de Mariscal "
            "Nieto y compartiremos experiencias de comités de vigilancia ciudadana.\n\n"
            "Dirigido a juntas vecinales, funcionarios municipales, periodistas y miembros de "
            "la Comunidad. Traer una computadora portátil o un teléfono con internet."
        ),
        themes=(CANON,),
        modality=Modality.IN_PERSON,
        days_from_today=-150,
        start="09:00",
        hours=4,
        status=WorkshopStatus.HELD,
        capacity=40,
        venue="Auditorio municipal de Moquegua",
        address="Cercado de Moquegua",
        city="Moquegua",
        agenda=(
            DemoAgendaItem("09:00", "Bienvenida y presentación de participantes", LUCIA, I_GIZ),
            DemoAgendaItem(
                "09:20", "Cómo llega el canon minero a la región y a los distritos", ROSA, I_CEM
            ),
            DemoAgendaItem(
                "10:00",
                "Consulta guiada: ejecución de proyectos en los portales del Estado",
                JORGE,
                I_GORE,
            ),
            DemoAgendaItem(
                "11:00", "Experiencia: un comité vecinal sigue tres obras", CARLOS, I_PROPUESTA
            ),
            DemoAgendaItem("12:15", "Acuerdos y próximos pasos", LUCIA, I_GIZ),
        ),
        participants=(PROPUESTA, GORE, CEM, CEOP, EITI, SOUTHERN),
        attended=(PROPUESTA, GORE, CEM, EITI, SOUTHERN),
        outcomes=(
            "Los participantes practicaron, con sus propios teléfonos, la consulta de la "
            "ejecución de proyectos financiados con canon y compararon los datos de tres obras "
            "con lo que se ve en el terreno. Se coincidió en que las cifras dejan de "
            "discutirse cuando todos citan la misma fuente con su fecha de corte.\n\n"
            "Se acordó preparar materiales sencillos para las juntas vecinales y repetir el "
            "taller en Ilo y en General Sánchez Cerro."
        ),
        commitments=(
            DemoCommitment(
                "Compartir con la Comunidad una guía paso a paso para consultar la ejecución "
                "de proyectos de inversión en los portales públicos.",
                I_GORE,
                due_in_days=-120,
                status=CommitmentStatus.DONE,
                completed_days_ago=125,
            ),
            DemoCommitment(
                "Preparar una ficha en lenguaje sencillo sobre cómo se distribuye el canon "
                "minero entre el gobierno regional, las municipalidades y la universidad.",
                I_CEM,
                due_in_days=-90,
                status=CommitmentStatus.DONE,
                completed_days_ago=84,
            ),
            DemoCommitment(
                "Organizar una escuela de vigilancia ciudadana para juntas vecinales de "
                "Mariscal Nieto.",
                I_PROPUESTA,
                due_in_days=-30,
                status=CommitmentStatus.IN_PROGRESS,
            ),
        ),
        lessons=(
            "vigilancia-ciudadana-de-obras-financiadas-con-canon",
            "tablero-abierto-de-proyectos-de-inversion",
            "explaining-the-mining-canon-in-plain-language",
        ),
    ),
    DemoWorkshop(
        slug="mesa-del-agua-turnos-datos-y-confianza",
        title="Mesa del agua en Ilo: turnos de riego, datos abiertos y confianza",
        description=(
            "Encuentro entre comisiones de usuarios de agua, autoridades, empresas y "
            "organizaciones de la sociedad civil para compartir cómo se acuerdan y publican "
            "los turnos de riego, qué información hay sobre el agua almacenada y cómo "
            "construir datos que todos acepten.\n\n"
            "Sesión híbrida: presencial en Ilo y en línea para quienes participan desde "
            "Moquegua y Omate."
        ),
        themes=(WATER,),
        modality=Modality.HYBRID,
        days_from_today=-100,
        start="15:00",
        hours=3,
        status=WorkshopStatus.HELD,
        capacity=30,
        venue="Salón de usos múltiples de la Municipalidad Provincial de Ilo",
        address="Centro de Ilo",
        city="Ilo",
        online_path="mesa-del-agua-ilo",
        agenda=(
            DemoAgendaItem("15:00", "Por qué una mesa del agua: reglas del diálogo", LUCIA, I_GIZ),
            DemoAgendaItem(
                "15:20", "Turnos de riego acordados y publicados: una experiencia", JORGE, I_GORE
            ),
            DemoAgendaItem(
                "16:00",
                "Monitoreo participativo de la calidad del agua: qué medimos y cómo",
                PATRICIA,
                I_SOUTHERN,
            ),
            DemoAgendaItem(
                "16:40", "Trabajo en grupos: qué información necesita cada actor", "", I_CEOP
            ),
            DemoAgendaItem("17:40", "Acuerdos de la mesa", "", I_MCLCP),
        ),
        participants=(GORE, SOUTHERN, CEOP, PROPUESTA, CAMARA, CEM),
        attended=(GORE, SOUTHERN, CEOP, PROPUESTA, CAMARA),
        outcomes=(
            "La mesa revisó dos experiencias de información abierta sobre el agua y concluyó "
            "que la desconfianza nace menos de la escasez que de no saber cómo se decide. "
            "Las comisiones de usuarios valoraron los turnos publicados con anticipación; las "
            "empresas y las autoridades se mostraron dispuestas a presentar la información "
            "ya pública en formatos más claros.\n\n"
            "Se acordó reunir la mesa cada tres meses, rotando la sede entre las tres "
            "provincias."
        ),
        commitments=(
            DemoCommitment(
                "Convocar la segunda reunión de la mesa del agua con las comisiones de "
                "usuarios de las tres provincias.",
                I_MCLCP,
                due_in_days=-70,
                status=CommitmentStatus.DONE,
                completed_days_ago=72,
            ),
            DemoCommitment(
                "Presentar en la próxima sesión, en un formato sencillo, la información "
                "pública disponible sobre el monitoreo de la calidad del agua en la cuenca.",
                I_SOUTHERN,
                due_in_days=-10,
                status=CommitmentStatus.PENDING,
            ),
            DemoCommitment(
                "Sistematizar la experiencia de los turnos de riego publicados para "
                "compartirla como lección en el portal.",
                I_CEOP,
                due_in_days=25,
                status=CommitmentStatus.IN_PROGRESS,
            ),
        ),
        lessons=(
            "turnos-de-riego-acordados-y-publicados",
            "monitoreo-participativo-de-la-calidad-del-agua",
            "informacion-abierta-sobre-el-sistema-pasto-grande",
        ),
    ),
    DemoWorkshop(
        slug="feria-taller-palta-pisco-y-fibra-de-alpaca",
        title="Feria y taller de diversificación productiva: palta, pisco y fibra de alpaca",
        description=(
            "Una mañana de feria con productores de palta, bodegas artesanales de pisco y "
            "criadores de alpacas de las zonas altas, seguida de un taller sobre "
            "asociatividad, acceso a mercados y compras locales de las empresas de la "
            "región.\n\n"
            "Los productores que deseen exponer pueden escribir a la facilitación de la "
            "Comunidad antes del taller."
        ),
        themes=(DIVERSIFICATION,),
        modality=Modality.IN_PERSON,
        days_from_today=-60,
        start="10:00",
        hours=5,
        status=WorkshopStatus.HELD,
        capacity=60,
        venue="Plaza principal de Omate y local comunal",
        address="Plaza de Armas de Omate",
        city="Omate",
        agenda=(
            DemoAgendaItem("10:00", "Apertura de la feria de productores", "", I_CRECE),
            DemoAgendaItem(
                "11:30",
                "Asociarse para vender mejor: la experiencia de productores de palta",
                VERONICA,
                I_CAMARA,
            ),
            DemoAgendaItem(
                "12:15", "Bodegas artesanales de pisco: calidad y registro", ROSA, I_CEM
            ),
            DemoAgendaItem(
                "13:00",
                "Cómo convertirse en proveedor local de la minería",
                PATRICIA,
                I_SOUTHERN,
            ),
            DemoAgendaItem("14:15", "Diálogo abierto y acuerdos", LUCIA, I_GIZ),
        ),
        participants=(CAMARA, CEM, GORE, SOUTHERN, PROPUESTA, CEOP),
        attended=(CAMARA, CEM, GORE, SOUTHERN, CEOP),
        outcomes=(
            "Participaron productores de las tres provincias. El taller mostró que las "
            "asociaciones que venden juntas negocian mejores precios, y que muchos "
            "productores no conocen los requisitos para ofrecer sus productos a las "
            "empresas de la región.\n\n"
            "Se propuso que la feria sea itinerante y que la próxima se haga en Ilo, con "
            "productores de olivo."
        ),
        commitments=(
            DemoCommitment(
                "Publicar el directorio de los productores que participaron en la feria, con "
                "su autorización.",
                I_CAMARA,
                due_in_days=-30,
                status=CommitmentStatus.DONE,
                completed_days_ago=33,
            ),
            DemoCommitment(
                "Explicar en un taller abierto los requisitos para registrarse como "
                "proveedor local.",
                I_ANGLO,
                due_in_days=15,
                status=CommitmentStatus.IN_PROGRESS,
            ),
            DemoCommitment(
                "Organizar la siguiente feria en Ilo con productores de olivo.",
                I_CRECE,
                due_in_days=45,
                status=CommitmentStatus.PENDING,
            ),
        ),
        lessons=(
            "asociatividad-de-productores-de-palta",
            "bodegas-artesanales-de-pisco",
            "mejoramiento-de-alpacas-en-las-zonas-altoandinas",
            "proveedores-locales-para-la-mineria",
        ),
    ),
    DemoWorkshop(
        slug="monitoreo-ambiental-participativo-lo-que-aprendimos",
        title="Monitoreo ambiental participativo: lo que aprendimos y lo que falta",
        description=(
            "Conversatorio virtual para revisar experiencias de monitoreo ambiental "
            "participativo en la región: comités de monitoreo, boletines de calidad del aire "
            "en lenguaje sencillo y la explicación de los planes de cierre de minas a la "
            "población.\n\n"
            "Se conecta desde cualquier lugar; recomendamos una conexión estable y probar el "
            "enlace unos minutos antes."
        ),
        themes=(ENVIRONMENT,),
        modality=Modality.VIRTUAL,
        days_from_today=-35,
        start="18:00",
        hours=2,
        status=WorkshopStatus.HELD,
        capacity=100,
        online_path="monitoreo-ambiental",
        agenda=(
            DemoAgendaItem("18:00", "Presentación y reglas de la sesión", LUCIA, I_GIZ),
            DemoAgendaItem(
                "18:10", "Comités de monitoreo: cómo se forman y sostienen", PATRICIA, I_SOUTHERN
            ),
            DemoAgendaItem(
                "18:35", "Boletines de calidad del aire que la gente entiende", MIGUEL, I_CEOP
            ),
            DemoAgendaItem("19:00", "Planes de cierre explicados a la población", DANIEL, I_EITI),
            DemoAgendaItem("19:30", "Preguntas, acuerdos y cierre", LUCIA, I_GIZ),
        ),
        participants=(SOUTHERN, CEOP, EITI, PROPUESTA, GORE, CEM, CAMARA),
        attended=(SOUTHERN, CEOP, EITI, PROPUESTA, GORE, CEM),
        outcomes=(
            "Se compartieron tres experiencias y se identificó lo que falta: formar a más "
            "jóvenes monitores, publicar los resultados con regularidad y explicar los "
            "términos técnicos. Las personas participantes pidieron que la información "
            "ambiental y la de transparencia fiscal se presenten juntas cuando sea "
            "posible.\n\n"
            "Se acordó preparar una guía para jóvenes monitores y una sesión sobre "
            "transparencia e información ambiental."
        ),
        commitments=(
            DemoCommitment(
                "Preparar una guía breve para jóvenes monitores ambientales, con fichas de "
                "observación.",
                I_IFS,
                due_in_days=-5,
                status=CommitmentStatus.PENDING,
            ),
            DemoCommitment(
                "Presentar en una sesión de la Comunidad cómo los informes de transparencia "
                "pueden incluir información ambiental.",
                I_EITI,
                due_in_days=30,
                status=CommitmentStatus.PENDING,
            ),
        ),
        lessons=(
            "comite-de-monitoreo-ambiental-participativo",
            "calidad-del-aire-en-ilo-boletines-en-lenguaje-sencillo",
            "planes-de-cierre-de-minas-explicados-a-la-poblacion",
        ),
    ),
    DemoWorkshop(
        slug="rendicion-de-cuentas-que-responde",
        title="Rendición de cuentas que responde: audiencias públicas y datos abiertos",
        description=(
            "Taller híbrido sobre cómo preparar audiencias públicas de rendición de cuentas "
            "en las que las preguntas ciudadanas reciben respuestas concretas, y sobre el uso "
            "de datos abiertos de inversión pública para formularlas.\n\n"
            "Presencial en Moquegua y en línea."
        ),
        themes=(CANON,),
        modality=Modality.HYBRID,
        days_from_today=-14,
        start="09:30",
        hours=3.5,
        status=WorkshopStatus.HELD,
        capacity=35,
        venue="Auditorio municipal de Moquegua",
        address="Cercado de Moquegua",
        city="Moquegua",
        online_path="rendicion-de-cuentas",
        agenda=(
            DemoAgendaItem("09:30", "Qué esperamos de una audiencia pública", CARLOS, I_PROPUESTA),
            DemoAgendaItem(
                "10:00", "Datos abiertos de inversión para preparar preguntas", JORGE, I_GORE
            ),
            DemoAgendaItem(
                "10:45", "Escuelas de vigilancia para jóvenes: lo aprendido", MIGUEL, I_CEOP
            ),
            DemoAgendaItem(
                "11:30", "Transparencia subnacional: lo que muestran los estándares", DANIEL, I_EITI
            ),
            DemoAgendaItem("12:30", "Acuerdos", "", I_MCLCP),
        ),
        participants=(PROPUESTA, GORE, CEOP, EITI, CEM, SOUTHERN, CAMARA),
        attended=(PROPUESTA, GORE, CEOP, EITI, CEM, CAMARA),
        outcomes=(
            "El taller propuso un formato común para recoger las preguntas ciudadanas antes "
            "de cada audiencia y publicar después las respuestas. También se vio que los "
            "datos abiertos ayudan a preguntar mejor cuando se explican con ejemplos.\n\n"
            "Las organizaciones presentes se ofrecieron a probar el formato en la próxima "
            "audiencia de su provincia."
        ),
        commitments=(
            DemoCommitment(
                "Proponer a las autoridades de la región un formato común para recoger y "
                "responder las preguntas ciudadanas en las audiencias públicas.",
                I_MCLCP,
                due_in_days=20,
                status=CommitmentStatus.IN_PROGRESS,
            ),
            DemoCommitment(
                "Publicar en el portal de la Comunidad un ejemplo de preguntas preparadas con "
                "datos abiertos de inversión.",
                I_PROPUESTA,
                due_in_days=10,
                status=CommitmentStatus.PENDING,
            ),
            DemoCommitment(
                "Revisar con el equipo técnico qué datos de inversión pueden publicarse cada "
                "mes como datos abiertos.",
                I_GORE,
                due_in_days=40,
                status=CommitmentStatus.PENDING,
            ),
        ),
        lessons=(
            "escuelas-de-vigilancia-ciudadana-para-jovenes-en-ilo",
            "priorizar-inversiones-por-brechas",
        ),
    ),
    # ---- Upcoming workshops: every modality and state
    DemoWorkshop(
        slug="escuela-de-vigilancia-del-canon-moquegua",
        title="Escuela de vigilancia del canon: leer un expediente técnico y visitar una obra",
        description=(
            "Primera sesión de la escuela de vigilancia ciudadana acordada en el taller sobre "
            "el gasto del canon. Aprenderemos a leer las partes principales de un expediente "
            "técnico (presupuesto, cronograma, metas) y a preparar una visita de obra con "
            "un acta que firmen todas las partes.\n\n"
            "Para juntas vecinales, comités de vigilancia y miembros de la Comunidad."
        ),
        themes=(CANON,),
        modality=Modality.IN_PERSON,
        days_from_today=12,
        start="09:00",
        hours=4,
        status=WorkshopStatus.OPEN,
        capacity=30,
        venue="Auditorio municipal de Moquegua",
        address="Cercado de Moquegua",
        city="Moquegua",
        agenda=(
            DemoAgendaItem("09:00", "Para qué sirve un expediente técnico", ROSA, I_CEM),
            DemoAgendaItem("09:45", "Ejercicio: presupuesto, cronograma y metas", JORGE, I_GORE),
            DemoAgendaItem(
                "11:00", "Cómo preparar una visita de obra y su acta", CARLOS, I_PROPUESTA
            ),
            DemoAgendaItem("12:30", "Plan de visitas de la escuela", LUCIA, I_GIZ),
        ),
        participants=(PROPUESTA, GORE, CEM, EITI),
    ),
    DemoWorkshop(
        slug="calidad-del-aire-y-del-agua-en-ilo",
        title="Calidad del aire y del agua en Ilo: cómo leer los informes de monitoreo",
        description=(
            "Taller para aprender a leer los informes públicos de monitoreo de la calidad "
            "del aire y del agua: qué parámetros se miden, qué significan los límites "
            "y dónde encontrar los datos. Con ejercicios sobre boletines reales "
            "simplificados para el taller.\n\n"
            "Abierto a todo público."
        ),
        themes=(ENVIRONMENT, WATER),
        modality=Modality.IN_PERSON,
        days_from_today=20,
        start="16:00",
        hours=3,
        status=WorkshopStatus.OPEN,
        capacity=35,
        venue="Salón de usos múltiples de la Municipalidad Provincial de Ilo",
        address="Centro de Ilo",
        city="Ilo",
        agenda=(
            DemoAgendaItem("16:00", "Qué se mide y por qué", MIGUEL, I_CEOP),
            DemoAgendaItem(
                "16:45", "Leer un informe de monitoreo paso a paso", PATRICIA, I_SOUTHERN
            ),
            DemoAgendaItem("17:45", "Preguntas y propuestas de la población", "", I_IFS),
        ),
        participants=(CEOP, SOUTHERN, PROPUESTA),
    ),
    DemoWorkshop(
        slug="siembra-y-cosecha-de-agua-en-omate",
        title="Siembra y cosecha de agua en las alturas de General Sánchez Cerro",
        description=(
            "Jornada en Omate para intercambiar experiencias de recuperación de manantiales "
            "y bofedales, zanjas de infiltración y pequeñas represas rústicas, y para "
            "conversar sobre cómo se financian y mantienen con participación de las "
            "comunidades.\n\n"
            "Incluye una caminata corta: llevar ropa de abrigo y protección solar."
        ),
        themes=(WATER, DIVERSIFICATION),
        modality=Modality.IN_PERSON,
        days_from_today=30,
        start="08:30",
        hours=6,
        status=WorkshopStatus.OPEN,
        capacity=40,
        venue="Local comunal de Omate",
        address="Plaza de Armas de Omate",
        city="Omate",
        agenda=(
            DemoAgendaItem("08:30", "Bienvenida", "", I_GORE),
            DemoAgendaItem(
                "09:00", "Manantiales y bofedales: qué funcionó en las alturas", JORGE, I_GORE
            ),
            DemoAgendaItem("10:30", "Caminata a una zanja de infiltración", "", I_CRECE),
            DemoAgendaItem(
                "12:30", "Financiar y mantener las obras de siembra de agua", ROSA, I_CEM
            ),
        ),
        participants=(GORE, CAMARA, PROPUESTA),
    ),
    DemoWorkshop(
        slug="conversatorio-virtual-diversificacion-productiva",
        title="Conversatorio virtual: diversificación productiva más allá de la minería",
        description=(
            "¿Qué actividades pueden crecer en la región junto a la minería? Conversaremos "
            "sobre agroexportación de palta, pisco y aceituna, turismo rural comunitario y "
            "proveedores locales, con ejemplos de la región y preguntas del público.\n\n"
            "Sesión en línea, abierta a todo público."
        ),
        themes=(DIVERSIFICATION,),
        modality=Modality.VIRTUAL,
        days_from_today=8,
        start="19:00",
        hours=1.5,
        status=WorkshopStatus.OPEN,
        capacity=100,
        online_path="diversificacion-productiva",
        agenda=(
            DemoAgendaItem("19:00", "Panorama de la economía regional", ROSA, I_CEM),
            DemoAgendaItem("19:20", "Experiencias de asociatividad", VERONICA, I_CAMARA),
            DemoAgendaItem("19:45", "Preguntas del público", LUCIA, I_GIZ),
        ),
        participants=(CAMARA, CEM, SOUTHERN, PROPUESTA, CEOP),
    ),
    DemoWorkshop(
        slug="mesa-del-agua-balance-hidrico-sesion-abierta",
        title="Mesa del agua: balance hídrico de la cuenca, sesión abierta",
        description=(
            "Tercera sesión de la mesa del agua, abierta a la ciudadanía. Se presentará, en "
            "lenguaje sencillo, el balance entre el agua disponible y los usos agrícola, "
            "poblacional y minero, y se revisarán los acuerdos de la sesión anterior.\n\n"
            "Sesión híbrida: presencial en Moquegua y en línea."
        ),
        themes=(WATER,),
        modality=Modality.HYBRID,
        days_from_today=16,
        start="15:00",
        hours=3,
        status=WorkshopStatus.OPEN,
        capacity=45,
        venue="Auditorio municipal de Moquegua",
        address="Cercado de Moquegua",
        city="Moquegua",
        online_path="mesa-del-agua-balance-hidrico",
        agenda=(
            DemoAgendaItem("15:00", "Seguimiento de los acuerdos anteriores", "", I_MCLCP),
            DemoAgendaItem("15:30", "El balance hídrico explicado", JORGE, I_GORE),
            DemoAgendaItem("16:30", "Diálogo entre usuarios del agua", LUCIA, I_GIZ),
        ),
        participants=(PROPUESTA, GORE, SOUTHERN, CEOP, EITI),
    ),
    DemoWorkshop(
        slug="visita-de-campo-monitoreo-en-la-cuenca-alta",
        title="Visita de campo: monitoreo participativo en la cuenca alta",
        description=(
            "Recorrido con un comité de monitoreo participativo para ver cómo se toman y "
            "registran las muestras de agua en la cuenca alta. Los cupos son pocos porque "
            "el traslado es en una sola camioneta; si se llenan, puede inscribirse en la "
            "lista de espera.\n\n"
            "Salida desde Moquegua a primera hora; regreso por la tarde."
        ),
        themes=(ENVIRONMENT, WATER),
        modality=Modality.IN_PERSON,
        days_from_today=22,
        start="06:30",
        hours=10,
        status=WorkshopStatus.OPEN,
        capacity=4,
        venue="Punto de encuentro: plaza principal de Moquegua",
        address="Plaza de Armas de Moquegua",
        city="Moquegua",
        agenda=(
            DemoAgendaItem("06:30", "Salida desde Moquegua"),
            DemoAgendaItem("09:30", "Toma de muestras con el comité", PATRICIA, I_SOUTHERN),
            DemoAgendaItem("12:00", "Conversación con el comité de monitoreo", "", I_IFS),
            DemoAgendaItem("14:00", "Regreso"),
        ),
        # Four seats: the last two join the waitlist.
        participants=(SOUTHERN, GORE, CEOP, CEM, PROPUESTA, CAMARA),
    ),
    DemoWorkshop(
        slug="plan-del-semestre-de-la-comunidad",
        title="Sesión de trabajo de la Comunidad: plan del próximo semestre",
        description=(
            "Sesión para los miembros de la Comunidad: balance de los compromisos de los "
            "talleres del semestre, prioridades por tema y calendario de los próximos "
            "encuentros. Cada institución puede proponer un tema o una experiencia para "
            "compartir.\n\n"
            "Solo para miembros; presencial en Moquegua y en línea."
        ),
        themes=(CANON, WATER, DIVERSIFICATION, ENVIRONMENT),
        modality=Modality.HYBRID,
        days_from_today=26,
        start="10:00",
        hours=3,
        status=WorkshopStatus.OPEN,
        visibility=Visibility.MEMBERS,
        capacity=25,
        venue="Sala de reuniones de la Comunidad de Aprendizaje",
        address="Cercado de Moquegua",
        city="Moquegua",
        online_path="plan-del-semestre",
        agenda=(
            DemoAgendaItem("10:00", "Balance de los compromisos", LUCIA, I_GIZ),
            DemoAgendaItem("10:45", "Prioridades por tema, en grupos", "", I_MCLCP),
            DemoAgendaItem("12:00", "Calendario de encuentros", LUCIA, I_GIZ),
        ),
        participants=(PROPUESTA, SOUTHERN, GORE, CEM, CEOP, CAMARA, EITI),
    ),
    DemoWorkshop(
        slug="planes-de-cierre-de-minas-para-la-poblacion",
        title="Planes de cierre de minas: qué dicen y cómo seguirlos",
        description=(
            "Taller en preparación sobre los planes de cierre de minas: qué contienen, "
            "cómo se actualizan, qué garantías financieras los respaldan y qué puede "
            "vigilar la población durante la operación y después del cierre.\n\n"
            "Se publicará cuando la agenda esté confirmada con las personas invitadas."
        ),
        themes=(ENVIRONMENT,),
        modality=Modality.IN_PERSON,
        days_from_today=60,
        start="09:00",
        hours=4,
        status=WorkshopStatus.DRAFT,
        capacity=40,
        venue="Salón de usos múltiples de la Municipalidad Provincial de Ilo",
        address="Centro de Ilo",
        city="Ilo",
        agenda=(
            DemoAgendaItem("09:00", "Qué es un plan de cierre y quién lo aprueba", DANIEL, I_EITI),
            DemoAgendaItem(
                "10:00", "Experiencias de información a la población", PATRICIA, I_SOUTHERN
            ),
            DemoAgendaItem("11:15", "Qué puede vigilar la ciudadanía", CARLOS, I_PROPUESTA),
        ),
    ),
    DemoWorkshop(
        slug="feria-de-productores-de-olivo-en-ilo",
        title="Feria de productores de olivo y aceituna en Ilo",
        description=(
            "Feria y encuentro de productores de olivo y aceituna de mesa del valle de Ilo, "
            "acordada en la feria de Omate, con una charla sobre calidad y mercados."
        ),
        themes=(DIVERSIFICATION,),
        modality=Modality.IN_PERSON,
        days_from_today=10,
        start="10:00",
        hours=5,
        status=WorkshopStatus.CANCELLED,
        capacity=50,
        venue="Malecón de Ilo",
        address="Malecón costero",
        city="Ilo",
        participants=(CAMARA, CEOP, PROPUESTA),
        cancellation_reason=(
            "La feria se reprograma para después de la cosecha, a pedido de las asociaciones "
            "de productores. Les avisaremos de la nueva fecha."
        ),
    ),
    DemoWorkshop(
        slug="presupuesto-participativo-por-brechas-ilo",
        title="Presupuesto participativo por brechas: preparación de agentes participantes",
        description=(
            "Sesión de preparación para agentes participantes del presupuesto participativo "
            "en Ilo: cómo leer un mapa de brechas de servicios y cómo presentar una "
            "propuesta que diga qué brecha cierra. Las inscripciones ya cerraron porque el "
            "grupo de trabajo está completo."
        ),
        themes=(CANON,),
        modality=Modality.IN_PERSON,
        days_from_today=5,
        start="17:00",
        hours=2.5,
        status=WorkshopStatus.CLOSED,
        capacity=20,
        venue="Salón de usos múltiples de la Municipalidad Provincial de Ilo",
        address="Centro de Ilo",
        city="Ilo",
        agenda=(
            DemoAgendaItem("17:00", "El mapa de brechas explicado", ROSA, I_CEM),
            DemoAgendaItem("18:00", "Ejercicio: una propuesta por brecha", MIGUEL, I_CEOP),
        ),
        participants=(CEOP, CEM, PROPUESTA),
    ),
)


# ---- Writing them (a step of seed_demo)


def _lima(day, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=LIMA)


def _agenda_time(hhmm: str) -> time:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return time(hour, minute)


def _new_workshop(item: DemoWorkshop, *, facilitator, themes, institutions) -> Workshop:
    today = timezone.localdate()
    starts_at = _lima(today + timedelta(days=item.days_from_today), item.start)
    ends_at = starts_at + timedelta(hours=item.hours)
    # Registration opened weeks before (and is open by now, whatever the hour of seeding)
    # and closes the day before the workshop starts.
    opens_at = min(starts_at - timedelta(days=45), timezone.now() - timedelta(days=7))
    deadline = starts_at - timedelta(days=1)
    # States reached through the services (closing, cancelling) start open.
    status = item.status
    if status in (WorkshopStatus.CLOSED, WorkshopStatus.CANCELLED):
        status = WorkshopStatus.OPEN
    workshop = Workshop(
        slug=item.slug,
        title=item.title,
        description=item.description_with_mark(),
        modality=item.modality,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=item.venue,
        address=item.address,
        city=item.city,
        online_url=f"{ONLINE}{item.online_path}" if item.online_path else "",
        capacity=item.capacity,
        registration_opens_at=opens_at,
        registration_deadline=deadline,
        status=status,
        visibility=item.visibility,
        outcomes=item.outcomes_with_mark(),
    )
    workshop.themes = [themes[slug] for slug in item.themes if slug in themes]
    workshop.facilitators = [facilitator]
    workshop.lessons = list(
        Contribution.objects.filter(slug__in=item.lessons, live=True, is_archived=False)
    )
    workshop.agenda_items = [
        AgendaItem(
            time=_agenda_time(entry.time),
            title=entry.title,
            speaker=entry.speaker,
            speaker_institution=institutions.get(entry.institution),
            sort_order=number,
        )
        for number, entry in enumerate(item.agenda)
    ]
    workshop.commitments = [
        Commitment(
            description=commitment.description,
            responsible_institution=institutions[commitment.institution],
            due_date=today + timedelta(days=commitment.due_in_days),
            status=commitment.status,
            completed_on=(
                today - timedelta(days=commitment.completed_days_ago)
                if commitment.completed_days_ago is not None
                else None
            ),
            sort_order=number,
        )
        for number, commitment in enumerate(item.commitments)
    ]
    return services.workshop_save(workshop=workshop, user=facilitator)


def _past_registrations(item: DemoWorkshop, workshop: Workshop, users) -> None:
    """A held workshop: everyone had a confirmed seat; attendance is recorded."""
    for number, email in enumerate(item.participants):
        requested = workshop.starts_at - timedelta(days=20 - number, hours=number)
        Registration.objects.create(
            workshop=workshop,
            user=users[email],
            status=RegistrationStatus.CONFIRMED,
            requested_at=requested,
            confirmed_at=requested,
            attended=email in item.attended,
        )


def _upcoming_registrations(item: DemoWorkshop, workshop: Workshop, users, facilitator) -> None:
    """Through the registration service (seats, then the waitlist), then dated back a little
    so the "registered on" dates look lived-in, in the same order."""
    registrations = [
        services.workshop_register(workshop=workshop, user=users[email])
        for email in item.participants
    ]
    now = timezone.now()
    for number, registration in enumerate(registrations):
        requested = now - timedelta(days=len(registrations) - number, hours=3)
        confirmed = requested if registration.status == RegistrationStatus.CONFIRMED else None
        Registration.objects.filter(pk=registration.pk).update(
            requested_at=requested, confirmed_at=confirmed
        )
    if item.status == WorkshopStatus.CLOSED:
        before = services.logistics_snapshot(workshop)
        workshop.status = WorkshopStatus.CLOSED
        services.workshop_save(workshop=workshop, user=facilitator, previous=before)
    elif item.status == WorkshopStatus.CANCELLED:
        services.workshop_cancel(
            workshop=workshop, user=facilitator, reason=item.cancellation_reason
        )


def seed_workshops(seed) -> None:
    """The demo calendar of WORKSHOPS. A step of `seed_demo` (takes its DemoSeed).

    A workshop is found by its slug: one that exists is left as it is (a facilitator may
    have edited, held or cancelled it), one that is missing is created with its agenda,
    commitments, lessons and registrations. The notifications the services write (seat
    confirmed, waitlist, cancellation) stay in the portal but are not e-mailed.
    """
    users = seed.users
    facilitator = users[FACILITATOR]
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    institutions = {institution.name: institution for institution in Institution.objects.all()}
    last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    existing = set(
        Workshop.objects.filter(slug__in=[item.slug for item in WORKSHOPS]).values_list(
            "slug", flat=True
        )
    )
    created = Counter()
    for item in WORKSHOPS:
        if item.slug in existing:
            continue
        workshop = _new_workshop(
            item, facilitator=facilitator, themes=themes, institutions=institutions
        )
        if item.is_past:
            _past_registrations(item, workshop, users)
        elif item.participants:
            _upcoming_registrations(item, workshop, users, facilitator)
        created[item.status] += 1

    # Seeded events are not news: the demo people find them in the portal, unmailed.
    Notification.objects.filter(pk__gt=last_notification, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(created.items()))
    seed.write(
        f"Demo workshops: {sum(created.values())} created"
        + (f" ({statuses})" if created else "")
        + f", {len(existing)} already there."
    )
