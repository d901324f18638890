"""The demo contributions `seed_demo` writes, kept as data so they can be read and
corrected apart from the code that writes them.

They are illustrative: plausible experiences and lessons about the region's concerns,
told by the invented demo people of `seed_content.DEMO_PEOPLE`. The actors inside the
stories are generic (a users' commission, a district municipality, a committee); no
text attributes deeds, figures, quotes or wrongdoing to a real institution or person.
Every summary ends with DEMO_MARK (see `summary_with_mark`), so a reader always sees that
it is demo content.
"""

from dataclasses import dataclass

from themes.models import ContributionKind, Province, Visibility

DEMO_MARK = "(Contenido de demostración.)"
DEMO_MARK_EN = "(Demo content. Contenido de demostración.)"

# The four RIMAY themes, by slug (seed_content.THEMES).
CANON = "brechas-y-renta-minera"
DIVERSIFICATION = "diversificacion-productiva"
WATER = "recursos-hidricos"
ENVIRONMENT = "gestion-ambiental"

# The demo people (seed_content.DEMO_PEOPLE), by e-mail.
FACILITATOR = "facilitator@example.org"
PROPUESTA = "member@example.org"  # Propuesta Ciudadana, civil society
SOUTHERN = "member2@example.org"  # Southern Perú, mining company
GORE = "gobierno.regional@example.org"  # Gobierno Regional, government
CEM = "economistas@example.org"  # Colegio de Economistas, academia
CEOP = "ceop.ilo@example.org"  # CEOP Ilo, civil society
CAMARA = "camara.comercio@example.org"  # Cámara de Comercio, private sector
EITI = "eiti@example.org"  # EITI, transparency initiative


# Where a contribution stands after seeding.
PUBLISHED = "published"
IN_REVIEW = "in_review"
SENT_BACK = "sent_back"
DRAFT = "draft"


@dataclass(frozen=True)
class DemoComment:
    author: str  # e-mail of a demo person
    body: str
    days_after: int = 3  # days after the contribution was published


@dataclass(frozen=True)
class DemoLesson:
    slug: str  # the stable key: a contribution with this slug is never seeded twice
    title: str
    kind: str
    theme: str
    author: str
    summary: str
    context: str = ""
    challenge: str = ""
    actions: str = ""
    results: str = ""
    lesson: str = ""
    recommendations: str = ""
    secondary_themes: tuple[str, ...] = ()
    coauthors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    province: str = ""
    district: str = ""
    period_start: int | None = None
    period_end: int | None = None
    language: str = "es"
    anti_corruption_focus: bool = False
    visibility: str = Visibility.PUBLIC
    status: str = PUBLISHED
    featured: bool = False
    published_days_ago: int = 30
    review_comment: str = ""  # the facilitator's words when status is SENT_BACK
    comments: tuple[DemoComment, ...] = ()

    def summary_with_mark(self) -> str:
        mark = DEMO_MARK_EN if self.language == "en" else DEMO_MARK
        return f"{self.summary} {mark}"


# The tag vocabulary: lower case, Spanish, reused across contributions.
TAGS = (
    "canon minero",
    "transparencia",
    "vigilancia ciudadana",
    "presupuesto participativo",
    "obras públicas",
    "datos abiertos",
    "rendición de cuentas",
    "acceso a la información",
    "brechas de servicios",
    "agua",
    "riego",
    "cuencas",
    "calidad del agua",
    "manantiales",
    "monitoreo participativo",
    "calidad del aire",
    "relaves",
    "cierre de minas",
    "gestión de riesgos",
    "palta",
    "uva y pisco",
    "olivo",
    "ganadería altoandina",
    "turismo",
    "proveedores locales",
    "asociatividad",
    "diversificación productiva",
    "jóvenes",
    "diálogo multiactor",
)


LESSONS: tuple[DemoLesson, ...] = (
    # ---- Closing gaps in public services and use of mining revenue
    DemoLesson(
        slug="vigilancia-ciudadana-de-obras-financiadas-con-canon",
        title="Vigilancia ciudadana de obras financiadas con canon minero",
        kind=ContributionKind.EXPERIENCE,
        theme=CANON,
        author=PROPUESTA,
        coauthors=(CEM,),
        summary=(
            "Un grupo de juntas vecinales aprendió a seguir, paso a paso, tres obras de agua "
            "y saneamiento pagadas con canon minero. Con visitas programadas y datos públicos, "
            "los retrasos dejaron de ser rumores y pasaron a una mesa de trabajo con la "
            "municipalidad."
        ),
        context=(
            "Entre 2022 y 2023, en un distrito de la provincia de Mariscal Nieto, varias juntas "
            "vecinales se preguntaban por qué las obras de agua potable y alcantarillado "
            "avanzaban tan despacio. Las tres obras se financiaban con recursos del canon "
            "minero y nadie en los barrios conocía sus plazos ni sus montos."
        ),
        challenge=(
            "La información existía, pero dispersa: expedientes técnicos en la municipalidad, "
            "datos de ejecución en los portales del Estado y avances que solo conocía el "
            "residente de obra. Sin esa información, las quejas vecinales se perdían en "
            "acusaciones generales que nadie podía verificar."
        ),
        actions=(
            "Formamos un comité de vigilancia con dos representantes por junta vecinal y lo "
            "capacitamos para leer un expediente técnico y consultar la ejecución presupuestal "
            "en los portales públicos. Pedimos por escrito, con la ley de transparencia, los "
            "cronogramas de cada obra y acordamos visitas de obra mensuales, con un acta "
            "firmada por el comité y por el supervisor."
        ),
        results=(
            "Las visitas mostraron que dos obras estaban detenidas por una modificación del "
            "expediente que no se había aprobado; la mesa de trabajo con la municipalidad "
            "aceleró el trámite. La municipalidad empezó a publicar un reporte mensual de "
            "avance, y las juntas vecinales lo difunden en sus asambleas."
        ),
        lesson=(
            "La vigilancia ciudadana funciona cuando se apoya en documentos y no solo en "
            "sospechas: un acta de visita firmada por ambas partes vale más que diez "
            "denuncias en la radio. También aprendimos que la relación con los funcionarios "
            "mejora cuando el comité llega con preguntas concretas."
        ),
        recommendations=(
            "Empezar por una o dos obras muy visibles para la población y no por todo el "
            "presupuesto. Capacitar al comité antes de la primera visita y acordar desde el "
            "inicio un calendario de reportes con la municipalidad. Guardar todas las actas "
            "en un archivo compartido que cualquier vecino pueda consultar."
        ),
        tags=("canon minero", "vigilancia ciudadana", "obras públicas", "transparencia"),
        province=Province.MARISCAL_NIETO,
        period_start=2022,
        period_end=2023,
        anti_corruption_focus=True,
        featured=True,
        published_days_ago=210,
        comments=(
            DemoComment(
                author=GORE,
                body=(
                    "Muy útil el modelo de acta compartida. En la oficina de planeamiento nos "
                    "ayudaría recibir esas actas también, para cruzarlas con los reportes que "
                    "llegan de las unidades ejecutoras."
                ),
                days_after=4,
            ),
            DemoComment(
                author=SOUTHERN,
                body=(
                    "¿Cómo eligieron a los representantes del comité? Nos interesa saber cómo "
                    "evitaron que la vigilancia se politizara en plena campaña electoral."
                ),
                days_after=9,
            ),
            DemoComment(
                author=PROPUESTA,
                body=(
                    "Cada junta eligió a sus dos representantes en asamblea, y el comité "
                    "acordó no participar como tal en actividades de campaña. Lo pusimos por "
                    "escrito en su reglamento."
                ),
                days_after=10,
            ),
        ),
    ),
    DemoLesson(
        slug="tablero-abierto-de-proyectos-de-inversion",
        title="Un tablero abierto para seguir los proyectos de inversión de la región",
        kind=ContributionKind.GOOD_PRACTICE,
        theme=CANON,
        author=GORE,
        coauthors=(EITI,),
        summary=(
            "Un equipo técnico reunió en un solo tablero público los datos de los proyectos de "
            "inversión financiados con renta minera: monto, avance físico y financiero, plazos "
            "y contratista. Lo publicó como datos abiertos y lo explica en talleres con "
            "organizaciones sociales."
        ),
        context=(
            "La información sobre los proyectos de inversión pública estaba en varios sistemas "
            "nacionales, cada uno con su propio código y lenguaje técnico. Desde 2023, un "
            "equipo de planeamiento se propuso reunirla para que autoridades, prensa y "
            "ciudadanía miraran los mismos datos."
        ),
        challenge=(
            "Cada actor citaba cifras distintas sobre el mismo proyecto, porque las tomaba de "
            "fuentes y fechas diferentes. Esa confusión alimentaba la desconfianza sobre el "
            "uso del canon, incluso cuando los proyectos avanzaban bien."
        ),
        actions=(
            "Se cruzaron los códigos de los proyectos en los sistemas de inversión y de "
            "ejecución presupuestal, y se definió una sola ficha por proyecto con una fecha de "
            "corte visible. El tablero se actualiza cada mes y los datos se publican en un "
            "archivo descargable con licencia abierta. Se hicieron talleres para enseñar a "
            "leerlo."
        ),
        results=(
            "Periodistas y organizaciones sociales empezaron a citar el tablero como fuente, y "
            "las preguntas en las audiencias públicas se volvieron más precisas. Dentro de la "
            "propia institución, el tablero sirvió para detectar a tiempo proyectos con poco "
            "avance."
        ),
        lesson=(
            "Publicar datos abiertos no basta: hay que decir de dónde salen, con qué fecha de "
            "corte y cómo leerlos. La fecha de corte visible evitó muchas discusiones sobre "
            "cifras que en realidad no se contradecían."
        ),
        recommendations=(
            "Comenzar con pocos campos bien definidos y ampliar después. Asignar a una persona "
            "responsable de la actualización mensual y publicar el calendario de "
            "actualizaciones. Invitar a usuarios de la sociedad civil a probar el tablero "
            "antes de lanzarlo."
        ),
        tags=("datos abiertos", "transparencia", "canon minero", "obras públicas"),
        province=Province.MARISCAL_NIETO,
        district="Moquegua",
        period_start=2023,
        period_end=2025,
        anti_corruption_focus=True,
        featured=True,
        published_days_ago=150,
        comments=(
            DemoComment(
                author=PROPUESTA,
                body=(
                    "Lo usamos en nuestra última escuela de vigilancia y funcionó muy bien. "
                    "Sugerimos añadir el nombre del supervisor de cada obra."
                ),
                days_after=6,
            ),
            DemoComment(
                author=CEOP,
                body=(
                    "Sería valioso que el archivo descargable incluya también las obras de "
                    "los municipios de Ilo, para poder comparar entre provincias."
                ),
                days_after=12,
            ),
        ),
    ),
    DemoLesson(
        slug="priorizar-inversiones-por-brechas",
        title="Priorizar inversiones por brechas y no por lista de obras",
        kind=ContributionKind.LESSON,
        theme=CANON,
        author=CEM,
        summary=(
            "En un proceso de presupuesto participativo en Ilo, los agentes participantes "
            "pasaron de votar por listas de obras a priorizar según las brechas de servicios "
            "de cada zona. El cambio costó un año de aprendizaje, pero mejoró la calidad de "
            "los proyectos."
        ),
        context=(
            "Entre 2021 y 2023 acompañamos como colegio profesional el presupuesto "
            "participativo de un municipio de la provincia de Ilo. Cada año, las "
            "organizaciones sociales presentaban decenas de ideas de obras y se votaba por "
            "las que reunían más apoyo."
        ),
        challenge=(
            "Con ese método, los recursos del canon se repartían en muchas obras pequeñas y "
            "los barrios con más capacidad de convocatoria ganaban siempre. Servicios básicos "
            "como el agua o los centros de salud quedaban rezagados frente a obras más "
            "vistosas."
        ),
        actions=(
            "Preparamos con el equipo municipal un mapa sencillo de brechas por zona: acceso a "
            "agua, desagüe, salud y educación. En los talleres se explicó el mapa antes de "
            "cualquier votación y se acordó que cada propuesta debía decir qué brecha "
            "cerraba. Los economistas del colegio revisaron de forma voluntaria las fichas "
            "antes de la priorización."
        ),
        results=(
            "Las propuestas se redujeron y ganaron en calidad, y la mayor parte de los "
            "recursos se destinó a cerrar brechas de agua y saneamiento. Hubo resistencia de "
            "algunas organizaciones al principio, que disminuyó cuando vieron que sus zonas "
            "aparecían en el mapa."
        ),
        lesson=(
            "La ciudadanía prioriza bien cuando tiene información comparable entre zonas. "
            "El mapa de brechas cambió la conversación de «qué obra quiero» a «qué problema "
            "resolvemos primero»."
        ),
        recommendations=(
            "Preparar el mapa de brechas con datos oficiales y explicarlo en lenguaje "
            "sencillo. Dar tiempo: el primer año es de aprendizaje. Incluir a los comités de "
            "vigilancia del presupuesto participativo desde la etapa de diagnóstico."
        ),
        tags=("presupuesto participativo", "brechas de servicios", "canon minero"),
        province=Province.ILO,
        period_start=2021,
        period_end=2023,
        published_days_ago=320,
        comments=(
            DemoComment(
                author=GORE,
                body=(
                    "Coincidimos: la discusión cambia cuando hay un diagnóstico común. ¿El mapa "
                    "se actualizó el segundo año o se usó el mismo?"
                ),
                days_after=5,
            ),
        ),
    ),
    DemoLesson(
        slug="explaining-the-mining-canon-in-plain-language",
        title="Explaining the mining canon in plain language",
        kind=ContributionKind.LESSON,
        theme=CANON,
        author=EITI,
        coauthors=(PROPUESTA,),
        summary=(
            "A short citizens' guide explained where the mining canon comes from, who receives "
            "it and what it can be spent on. Writing it with community leaders, not for them, "
            "was what made it useful."
        ),
        context=(
            "In 2024, several community organisations across the three provinces asked for "
            "simple material about the mining canon. Most people knew the word but not how "
            "the transfers are calculated, why they vary from year to year, or what the law "
            "allows them to fund."
        ),
        challenge=(
            "Existing material was written for specialists, full of legal references and "
            "tables. Leaders who tried to use it in assemblies lost their audience in minutes, "
            "and misunderstandings about the canon fuelled mistrust between communities, "
            "authorities and companies."
        ),
        actions=(
            "We drafted a twelve-page guide and tested each section with leaders in three "
            "workshops, rewriting whatever raised questions. We replaced tables with simple "
            "diagrams, added a page on how to request information from a municipality, and "
            "recorded short radio spots in Spanish based on the guide."
        ),
        results=(
            "Leaders used the guide to prepare questions for public accountability hearings, "
            "and teachers asked for copies for secondary schools. The most requested page was "
            "the one explaining why the canon goes up and down with copper prices."
        ),
        lesson=(
            "Transparency material works when the people who will use it help write it. "
            "Explaining why the amounts change was as important as explaining the amounts "
            "themselves."
        ),
        recommendations=(
            "Test every page with its future readers before printing. Keep the guide short and "
            "pair it with radio or audio for people who read little. Include a practical "
            "section on how to ask for information, with a model letter."
        ),
        tags=("canon minero", "transparencia", "acceso a la información"),
        period_start=2024,
        period_end=2024,
        language="en",
        anti_corruption_focus=True,
        published_days_ago=95,
        comments=(
            DemoComment(
                author=CEOP,
                body=(
                    "La guía nos sirvió mucho en Ilo. ¿Hay una versión en español para "
                    "imprimir? Los dirigentes la piden en papel."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoLesson(
        slug="escuelas-de-vigilancia-ciudadana-para-jovenes-en-ilo",
        title="Escuelas de vigilancia ciudadana para jóvenes en Ilo",
        kind=ContributionKind.EXPERIENCE,
        theme=CANON,
        author=CEOP,
        summary=(
            "Jóvenes de Ilo se formaron durante seis meses para vigilar el uso de los recursos "
            "públicos en su distrito. Aprendieron a pedir información, leer presupuestos y "
            "contar lo que encontraban en redes sociales, con datos y sin ataques personales."
        ),
        context=(
            "Desde 2022, nuestra organización trabaja con jóvenes de colegios e institutos de "
            "la provincia de Ilo. Muchos sentían que la renta minera «no llegaba» a su barrio, "
            "pero no sabían cómo comprobarlo ni a quién preguntar."
        ),
        challenge=(
            "Los jóvenes tenían energía y presencia en redes, pero poca información. Sus "
            "publicaciones mezclaban datos con rumores y a veces terminaban en ataques que "
            "cerraban cualquier diálogo con las autoridades."
        ),
        actions=(
            "Organizamos una escuela de seis módulos: cómo funciona el presupuesto público, el "
            "canon minero, la ley de transparencia, la lectura de un expediente de obra, la "
            "comunicación responsable y un trabajo práctico. Cada grupo eligió una obra de su "
            "distrito, pidió información y presentó sus hallazgos en una sesión abierta."
        ),
        results=(
            "Los grupos presentaron cinco informes de vigilancia, y dos de ellos recibieron "
            "respuesta escrita de las áreas responsables. Varios egresados se integraron "
            "después a los comités de vigilancia del presupuesto participativo."
        ),
        lesson=(
            "La vigilancia de los jóvenes gana fuerza cuando aprenden a separar los hechos de "
            "las opiniones. Una publicación con el documento que la respalda abre más puertas "
            "que una denuncia sin pruebas."
        ),
        recommendations=(
            "Trabajar con colegios e institutos para convocar, y terminar siempre con un "
            "producto concreto. Incluir un módulo de comunicación responsable. Acordar con las "
            "autoridades, desde el inicio, una sesión para escuchar los hallazgos."
        ),
        tags=("vigilancia ciudadana", "jóvenes", "transparencia", "acceso a la información"),
        province=Province.ILO,
        district="Ilo",
        period_start=2022,
        period_end=2024,
        anti_corruption_focus=True,
        visibility=Visibility.MEMBERS,
        published_days_ago=60,
        comments=(
            DemoComment(
                author=EITI,
                body=(
                    "Excelente iniciativa. El módulo de comunicación responsable podría servir "
                    "a otras organizaciones; ¿podrían compartirlo en la biblioteca?"
                ),
                days_after=2,
            ),
        ),
    ),
    DemoLesson(
        slug="audiencias-de-rendicion-de-cuentas-que-responden",
        title="Audiencias de rendición de cuentas que sí responden preguntas",
        kind=ContributionKind.GOOD_PRACTICE,
        theme=CANON,
        author=PROPUESTA,
        summary=(
            "Un formato de audiencia pública con preguntas enviadas por adelantado y respuestas "
            "por escrito permitió que la ciudadanía obtuviera información concreta sobre el "
            "gasto del canon, en lugar de largas exposiciones de logros."
        ),
        context=(
            "Las audiencias públicas de rendición de cuentas se realizan cada año en los "
            "gobiernos locales. En 2024, organizaciones de la sociedad civil de la provincia "
            "de Mariscal Nieto propusieron a una municipalidad distrital probar un formato "
            "distinto."
        ),
        challenge=(
            "Las audiencias solían durar horas con presentaciones de obras inauguradas, y las "
            "preguntas del público quedaban para el final, cuando ya quedaba poca gente. Las "
            "respuestas eran generales y no se registraban en ningún documento."
        ),
        actions=(
            "Se abrió un plazo de dos semanas para enviar preguntas por escrito, agrupadas por "
            "tema. La municipalidad respondió cada una en un documento publicado antes de la "
            "audiencia, y la sesión se dedicó a las repreguntas. Un comité de la sociedad "
            "civil moderó el turno de palabra."
        ),
        results=(
            "Se respondieron por escrito todas las preguntas recibidas, y el documento quedó "
            "publicado para quien no pudo asistir. La asistencia se mantuvo hasta el final de "
            "la sesión, y las repreguntas fueron más precisas que en años anteriores."
        ),
        lesson=(
            "La rendición de cuentas mejora cuando las preguntas llegan antes que las "
            "respuestas. El documento escrito convierte una ceremonia en un compromiso que se "
            "puede revisar al año siguiente."
        ),
        recommendations=(
            "Acordar el formato con la autoridad con varios meses de anticipación. Difundir el "
            "plazo de preguntas por radio y en las asambleas de las juntas vecinales. Publicar "
            "las respuestas en la web y en un panel físico del municipio."
        ),
        tags=("rendición de cuentas", "canon minero", "transparencia", "vigilancia ciudadana"),
        province=Province.MARISCAL_NIETO,
        period_start=2024,
        period_end=2025,
        anti_corruption_focus=True,
        status=IN_REVIEW,
    ),
    # ---- Diversification of production
    DemoLesson(
        slug="proveedores-locales-para-la-mineria",
        title="Proveedores locales para la minería: de la informalidad a los contratos",
        kind=ContributionKind.EXPERIENCE,
        theme=DIVERSIFICATION,
        author=CAMARA,
        coauthors=(SOUTHERN,),
        summary=(
            "Pequeñas empresas de Moquegua se prepararon durante un año para cumplir los "
            "requisitos de compra de las empresas mineras. El acompañamiento en seguridad, "
            "gestión y costos pesó más que cualquier capacitación aislada."
        ),
        context=(
            "En 2023, un gremio empresarial y el área de compras de una empresa minera "
            "acordaron acompañar a pequeñas empresas locales de metalmecánica, transporte, "
            "alimentación y limpieza. Muchas tenían experiencia, pero nunca habían superado "
            "una evaluación de proveedores."
        ),
        challenge=(
            "Los requisitos de seguridad, formalización tributaria y calidad eran difíciles de "
            "cumplir para empresas familiares. Cuando no ganaban un contrato, no sabían por "
            "qué, y la frustración se convertía en reclamos públicos."
        ),
        actions=(
            "Se hizo un diagnóstico de cada empresa con una lista de requisitos clara y se "
            "formaron grupos por rubro. Durante un año hubo asesoría en sistemas de seguridad, "
            "costeo y facturación electrónica, y visitas a operaciones para entender la "
            "demanda real. Las empresas que no ganaban una licitación recibían una "
            "explicación de los puntos a mejorar."
        ),
        results=(
            "Varias empresas aprobaron la evaluación de proveedores y obtuvieron sus primeros "
            "contratos, y otras vendieron a clientes distintos de la minería gracias a lo "
            "aprendido. La explicación de los resultados de cada licitación redujo los "
            "reclamos."
        ),
        lesson=(
            "Desarrollar proveedores locales es un proceso largo, no un evento. Explicar por "
            "qué una empresa no ganó un contrato construye más confianza que cualquier "
            "discurso sobre el compromiso con la región."
        ),
        recommendations=(
            "Publicar los requisitos de compra en lenguaje sencillo y con anticipación. "
            "Trabajar por rubros y no con empresas sueltas. Medir también las ventas a otros "
            "clientes: un buen proveedor no debería depender de un solo comprador."
        ),
        tags=("proveedores locales", "diversificación productiva", "asociatividad"),
        province=Province.MARISCAL_NIETO,
        period_start=2023,
        period_end=2024,
        featured=True,
        published_days_ago=120,
        comments=(
            DemoComment(
                author=CEM,
                body=(
                    "Muy buena la idea de medir ventas a otros clientes. ¿Registraron cuántos "
                    "empleos formales se sostuvieron gracias a los contratos?"
                ),
                days_after=7,
            ),
            DemoComment(
                author=CEOP,
                body=(
                    "En Ilo hay talleres metalmecánicos interesados. Sería bueno replicar "
                    "la experiencia en la provincia."
                ),
                days_after=15,
            ),
        ),
    ),
    DemoLesson(
        slug="asociatividad-de-productores-de-palta",
        title="Asociatividad de productores de palta en el valle de Moquegua",
        kind=ContributionKind.GOOD_PRACTICE,
        theme=DIVERSIFICATION,
        author=CAMARA,
        secondary_themes=(WATER,),
        summary=(
            "Pequeños productores de palta se asociaron para vender juntos, compartir un centro "
            "de acopio y negociar el riego tecnificado. Vendiendo en volumen lograron mejores "
            "precios y compradores más estables."
        ),
        context=(
            "La palta se ha extendido en el valle de Moquegua en los últimos años. La mayoría "
            "de productores tiene parcelas pequeñas y vendía a intermediarios en la chacra, sin "
            "saber el precio del mercado ni las exigencias de calidad."
        ),
        challenge=(
            "Cada productor negociaba solo, con volúmenes pequeños y fruta de calidad dispareja. "
            "Además, el agua de riego es escasa y pocos podían pagar por su cuenta un sistema "
            "de riego tecnificado."
        ),
        actions=(
            "Un grupo de productores formó una asociación con reglas claras de calidad y "
            "cosecha. Con apoyo técnico se instaló un pequeño centro de acopio y se gestionó "
            "un fondo concursable para riego por goteo en las parcelas de los socios. La "
            "asociación lleva un registro público de volúmenes y precios para sus socios."
        ),
        results=(
            "La asociación vende en volumen a compradores que exigen calidad constante, con "
            "precios mejores que los de la venta en chacra. El riego por goteo redujo el uso "
            "de agua por hectárea y liberó turnos para otros cultivos."
        ),
        lesson=(
            "La asociatividad funciona cuando las reglas de calidad y las cuentas son claras "
            "desde el inicio. El registro público de precios evitó desconfianzas entre socios."
        ),
        recommendations=(
            "Empezar con pocos socios comprometidos y reglas escritas. Buscar asesoría técnica "
            "en manejo poscosecha antes de buscar compradores. Coordinar con la comisión de "
            "usuarios de riego cualquier cambio en el uso del agua."
        ),
        tags=("palta", "asociatividad", "riego", "diversificación productiva"),
        province=Province.MARISCAL_NIETO,
        district="Samegua",
        period_start=2020,
        period_end=2024,
        published_days_ago=260,
    ),
    DemoLesson(
        slug="bodegas-artesanales-de-pisco",
        title="Bodegas artesanales de pisco: calidad y turismo de la mano",
        kind=ContributionKind.LESSON,
        theme=DIVERSIFICATION,
        author=CEM,
        summary=(
            "Un grupo de bodegas artesanales de uva y pisco mejoró su calidad con asesoría "
            "compartida y abrió sus puertas al turismo. El aprendizaje: el visitante compra "
            "la historia tanto como la botella."
        ),
        context=(
            "El valle de Moquegua tiene una larga tradición de uva, vino y pisco, en manos de "
            "muchas bodegas familiares. Entre 2021 y 2024, un grupo de ellas se organizó para "
            "mejorar su producción y recibir visitantes."
        ),
        challenge=(
            "Las bodegas pequeñas tenían dificultades para cumplir los requisitos sanitarios y "
            "de etiquetado, y vendían casi todo en la zona. El turismo pasaba de largo porque "
            "no había una oferta organizada de visitas."
        ),
        actions=(
            "Las bodegas contrataron juntas a una enóloga para asesorar la destilación y el "
            "registro sanitario. Diseñaron una ruta de visitas con horarios fijos, señalización "
            "y una degustación guiada que cuenta la historia de cada familia. Se capacitó a "
            "jóvenes del valle como guías."
        ),
        results=(
            "Varias bodegas obtuvieron su registro sanitario y empezaron a vender fuera de la "
            "región. La ruta recibe visitantes los fines de semana, y los jóvenes guías "
            "encontraron un ingreso complementario."
        ),
        lesson=(
            "Compartir costos de asesoría hace posible la calidad para las bodegas pequeñas. "
            "El turismo necesita una oferta organizada y confiable, no solo buenos productos."
        ),
        recommendations=(
            "Organizar primero la calidad y los permisos, y después el turismo. Acordar "
            "horarios y precios comunes para la ruta. Involucrar a los jóvenes del valle como "
            "guías desde el diseño de la visita."
        ),
        tags=("uva y pisco", "turismo", "asociatividad", "jóvenes"),
        province=Province.MARISCAL_NIETO,
        district="Moquegua",
        period_start=2021,
        period_end=2024,
        published_days_ago=180,
        comments=(
            DemoComment(
                author=CAMARA,
                body=(
                    "Podemos ayudar a difundir la ruta entre las empresas asociadas. ¿Tienen un "
                    "calendario de visitas publicado?"
                ),
                days_after=4,
            ),
        ),
    ),
    DemoLesson(
        slug="mejoramiento-de-alpacas-en-las-zonas-altoandinas",
        title="Mejoramiento de alpacas en las zonas altoandinas de General Sánchez Cerro",
        kind=ContributionKind.EXPERIENCE,
        theme=DIVERSIFICATION,
        author=GORE,
        coauthors=(CEOP,),
        secondary_themes=(WATER,),
        summary=(
            "Familias criadoras de alpacas de las partes altas mejoraron la calidad de la fibra "
            "con reproductores seleccionados, manejo sanitario y cuidado de los bofedales. "
            "El acuerdo de turnos de pastoreo fue tan importante como la genética."
        ),
        context=(
            "En las zonas altoandinas de la provincia de General Sánchez Cerro, muchas familias "
            "viven de la crianza de alpacas y llamas. Entre 2020 y 2023 se desarrolló un "
            "proyecto con comunidades campesinas para mejorar la crianza."
        ),
        challenge=(
            "La fibra se vendía a bajo precio por su grosor y mezcla de colores, y las heladas "
            "causaban muertes de crías. Los bofedales, base de la alimentación del ganado, se "
            "estaban secando por sobrepastoreo."
        ),
        actions=(
            "Se introdujeron reproductores seleccionados y se formaron promotores comunales en "
            "sanidad animal. Las comunidades acordaron turnos de pastoreo para dejar descansar "
            "los bofedales y construyeron pequeños cobertizos para proteger a las crías. Se "
            "organizó el acopio conjunto de fibra clasificada."
        ),
        results=(
            "La fibra clasificada se vende a mejor precio que la fibra sin clasificar, y las "
            "muertes de crías bajaron en los años de helada. Los bofedales con descanso "
            "recuperaron cobertura vegetal."
        ),
        lesson=(
            "En la ganadería altoandina, la genética sin agua ni pasto no da resultados. El "
            "acuerdo comunal sobre el uso de los bofedales fue la base de todo lo demás."
        ),
        recommendations=(
            "Trabajar con la asamblea comunal y no solo con familias sueltas. Formar promotores "
            "locales que se queden cuando termine el proyecto. Incluir el cuidado del agua y "
            "los pastos en cualquier proyecto ganadero."
        ),
        tags=("ganadería altoandina", "manantiales", "diversificación productiva"),
        province=Province.GENERAL_SANCHEZ_CERRO,
        district="Ichuña",
        period_start=2020,
        period_end=2023,
        visibility=Visibility.MEMBERS,
        published_days_ago=240,
        comments=(
            DemoComment(
                author=CEM,
                body=(
                    "Interesante el vínculo entre ganadería y bofedales. ¿Estimaron cuánto "
                    "cuesta mantener a los promotores una vez terminado el proyecto?"
                ),
                days_after=8,
            ),
        ),
    ),
    DemoLesson(
        slug="olive-growers-share-a-press",
        title="Olive growers share a press to sell oil instead of raw olives",
        kind=ContributionKind.GOOD_PRACTICE,
        theme=DIVERSIFICATION,
        author=CEOP,
        coauthors=(CAMARA,),
        summary=(
            "Small olive growers in the valley near Ilo pooled their harvest and shared a small "
            "press to produce olive oil. Selling oil and table olives under one label earned "
            "them more than selling raw fruit."
        ),
        context=(
            "Olive groves are part of the landscape and history of the Ilo valley. Most "
            "growers have a few hectares and sold their harvest to middlemen right after "
            "picking, at prices they could not negotiate."
        ),
        challenge=(
            "No single grower could afford a press or the certification needed to sell oil. "
            "Each harvest, prices dropped as everyone tried to sell at the same time, and part "
            "of the fruit was lost."
        ),
        actions=(
            "Growers formed a cooperative, wrote rules for harvest quality and shared the "
            "costs of a small press with technical support. They created one label for oil and "
            "table olives, and agreed on a fair way to share income according to the "
            "kilograms each member delivered."
        ),
        results=(
            "The cooperative now sells oil and olives to shops and restaurants in the region, "
            "and visitors buy directly at the press during harvest. Members say the biggest "
            "change is being able to store the product and sell when prices are better."
        ),
        lesson=(
            "Adding value together works when the rules on quality and income are written "
            "before the first harvest. A shared label is only as strong as the weakest batch, "
            "so quality control has to be collective."
        ),
        recommendations=(
            "Start with a small group that trusts each other and a simple written agreement. "
            "Get advice on food safety and labelling early. Link the press to local tourism: "
            "visitors are the best customers for a small producer."
        ),
        tags=("olivo", "asociatividad", "turismo", "diversificación productiva"),
        province=Province.ILO,
        district="El Algarrobal",
        period_start=2022,
        period_end=2025,
        language="en",
        published_days_ago=75,
    ),
    DemoLesson(
        slug="turismo-rural-comunitario-en-el-valle-alto",
        title="Turismo rural comunitario en los pueblos del valle alto",
        kind=ContributionKind.EXPERIENCE,
        theme=DIVERSIFICATION,
        author=PROPUESTA,
        summary=(
            "Familias de un pueblo del valle alto ofrecen hospedaje, comida y caminatas a "
            "visitantes. Estamos documentando qué funcionó y qué no en los dos primeros años."
        ),
        context=(
            "Desde 2024, un grupo de familias de la provincia de General Sánchez Cerro "
            "recibe visitantes atraídos por los paisajes, los andenes y las fiestas "
            "tradicionales."
        ),
        challenge=(
            "Los visitantes llegan de forma irregular y las familias no saben cuánto invertir "
            "en mejorar sus casas. Falta coordinación con las agencias de viaje de la costa."
        ),
        tags=("turismo", "diversificación productiva"),
        province=Province.GENERAL_SANCHEZ_CERRO,
        district="Omate",
        period_start=2024,
        status=DRAFT,
    ),
    # ---- Integrated water resources management
    DemoLesson(
        slug="turnos-de-riego-acordados-y-publicados",
        title="Turnos de riego acordados y publicados: menos conflictos en el valle",
        kind=ContributionKind.LESSON,
        theme=WATER,
        author=GORE,
        summary=(
            "Una comisión de usuarios de riego empezó a publicar cada semana los turnos de agua "
            "de todos sus canales, en pizarras y por mensajes. Saber quién riega y cuándo "
            "redujo las disputas y los reclamos ante la junta."
        ),
        context=(
            "En un sector de riego del valle de Moquegua, cientos de usuarios comparten el agua "
            "de varios canales. Hasta 2022, los turnos se comunicaban de palabra y muchos "
            "usuarios se enteraban tarde."
        ),
        challenge=(
            "Cada campaña había discusiones por turnos no respetados, compuertas abiertas fuera "
            "de hora y sospechas de favoritismo. Los conflictos llegaban a la junta de usuarios "
            "y a veces a la policía."
        ),
        actions=(
            "La comisión acordó en asamblea un rol de turnos por canal y lo publicó cada lunes "
            "en pizarras en las tomas principales y en un grupo de mensajería. Se nombraron "
            "vigilantes de canal rotativos entre los propios usuarios, y cada cambio de turno "
            "debía quedar anotado en un cuaderno abierto a todos."
        ),
        results=(
            "Los reclamos por turnos bajaron de forma notoria desde la primera campaña. Los "
            "usuarios planifican mejor sus siembras, y la asamblea dedica su tiempo a "
            "mantenimiento de canales en lugar de a discusiones."
        ),
        lesson=(
            "En la gestión del agua, la transparencia del día a día pesa tanto como la "
            "infraestructura. Un rol publicado y un cuaderno abierto cortan las sospechas "
            "antes de que se conviertan en conflictos."
        ),
        recommendations=(
            "Acordar el rol en asamblea y publicarlo siempre en el mismo lugar y día. Rotar a "
            "los vigilantes entre los usuarios. Usar medios sencillos: una pizarra en la toma "
            "llega a quien no tiene teléfono."
        ),
        tags=("riego", "agua", "transparencia"),
        province=Province.MARISCAL_NIETO,
        district="Moquegua",
        period_start=2022,
        period_end=2024,
        featured=True,
        published_days_ago=45,
        comments=(
            DemoComment(
                author=CEOP,
                body=(
                    "En el valle de Ilo tenemos el mismo problema. ¿La comisión usó algún "
                    "formato para el cuaderno? Nos ayudaría tenerlo."
                ),
                days_after=2,
            ),
            DemoComment(
                author=SOUTHERN,
                body=(
                    "Práctica sencilla y replicable. Suscribo la idea de la pizarra en la toma: "
                    "no todo tiene que ser digital."
                ),
                days_after=6,
            ),
        ),
    ),
    DemoLesson(
        slug="monitoreo-participativo-de-la-calidad-del-agua",
        title="Monitoreo participativo de la calidad del agua en la cuenca alta",
        kind=ContributionKind.EXPERIENCE,
        theme=WATER,
        author=SOUTHERN,
        coauthors=(PROPUESTA,),
        secondary_themes=(ENVIRONMENT,),
        summary=(
            "Usuarios de agua, autoridades locales y una empresa minera acordaron tomar juntos "
            "las muestras de agua en puntos elegidos por la población. Los resultados se "
            "explican en asambleas, con un laboratorio acreditado elegido en común."
        ),
        context=(
            "En la cuenca alta de un río de la región, las comunidades temían que la actividad "
            "minera afectara la calidad del agua que usan para riego y ganado. Entre 2021 y "
            "2024 se formó un comité de monitoreo participativo."
        ),
        challenge=(
            "Cada parte confiaba solo en sus propios análisis y los resultados se discutían sin "
            "acuerdo sobre cómo se habían tomado las muestras. Sin un método común, ninguna "
            "cifra servía para dialogar."
        ),
        actions=(
            "El comité definió en conjunto los puntos de muestreo, las fechas y el laboratorio "
            "acreditado. Representantes de las comunidades participaron en cada muestreo y "
            "firmaron la cadena de custodia. Los resultados se presentan en asambleas con "
            "gráficos sencillos y se comparan con los estándares de calidad ambiental."
        ),
        results=(
            "Las comunidades conocen ahora el estado del agua en sus propios puntos y pueden "
            "hacer preguntas informadas. Las discusiones pasaron de la desconfianza general a "
            "preguntas concretas sobre puntos y parámetros."
        ),
        lesson=(
            "La confianza en los datos nace del método compartido, no del resultado. Cuando "
            "las comunidades eligen los puntos y ven tomar las muestras, discuten sobre los "
            "resultados y no sobre quién los produjo."
        ),
        recommendations=(
            "Acordar por escrito el método, los puntos y el laboratorio antes del primer "
            "muestreo. Capacitar a los monitores comunitarios en la cadena de custodia. "
            "Presentar los resultados en la lengua y el formato de las asambleas."
        ),
        tags=("calidad del agua", "monitoreo participativo", "cuencas", "diálogo multiactor"),
        province=Province.MARISCAL_NIETO,
        district="Carumas",
        period_start=2021,
        period_end=2024,
        published_days_ago=135,
        comments=(
            DemoComment(
                author=PROPUESTA,
                body=(
                    "Un punto clave que aprendimos: publicar también los resultados que salen "
                    "dentro de los estándares. Si solo se comunican las alertas, la "
                    "desconfianza crece."
                ),
                days_after=3,
            ),
            DemoComment(
                author=EITI,
                body=(
                    "¿Los informes del comité están disponibles para el público? Podrían "
                    "subirse a la biblioteca de la Comunidad."
                ),
                days_after=11,
            ),
        ),
    ),
    DemoLesson(
        slug="informacion-abierta-sobre-el-sistema-pasto-grande",
        title="Información abierta sobre el agua del sistema Pasto Grande",
        kind=ContributionKind.LESSON,
        theme=WATER,
        author=PROPUESTA,
        summary=(
            "Organizaciones de usuarios pidieron que el volumen almacenado y el agua entregada "
            "por el sistema Pasto Grande se informaran cada mes en lenguaje sencillo. "
            "Entender la disponibilidad real ayudó a planificar mejor la campaña agrícola."
        ),
        context=(
            "El sistema Pasto Grande almacena agua en las alturas de la región y la conduce "
            "hacia el valle de Moquegua, donde la usan agricultores y la ciudad. En años "
            "secos, la pregunta de cuánta agua hay y a quién se entrega se vuelve urgente."
        ),
        challenge=(
            "Los usuarios recibían noticias sueltas sobre el nivel del embalse y no sabían cómo "
            "se decidía la distribución. En años de escasez, la falta de información "
            "alimentaba rumores sobre el destino del agua."
        ),
        actions=(
            "Las organizaciones de usuarios elaboraron una lista corta de datos que necesitaban "
            "cada mes: volumen almacenado, caudal entregado por sector y pronóstico para la "
            "campaña. La solicitaron formalmente y acordaron presentarla en las asambleas de "
            "las comisiones de usuarios, con un técnico que explicara los números."
        ),
        results=(
            "Los datos mensuales se presentan en las asambleas, y los usuarios ajustaron sus "
            "siembras en un año seco en lugar de esperar un agua que no iba a llegar. Los "
            "rumores sobre la distribución disminuyeron."
        ),
        lesson=(
            "Pedir información funciona mejor cuando se pide poca y bien definida. Una lista "
            "de tres datos mensuales es más útil que una solicitud de «toda la información»."
        ),
        recommendations=(
            "Definir con los usuarios qué datos necesitan para decidir, antes de pedirlos. "
            "Acordar una fecha fija de entrega y un espacio para explicarlos. Guardar la serie "
            "de datos para comparar entre años."
        ),
        tags=("agua", "riego", "acceso a la información", "datos abiertos"),
        province=Province.MARISCAL_NIETO,
        period_start=2023,
        period_end=2025,
        anti_corruption_focus=True,
        visibility=Visibility.MEMBERS,
        published_days_ago=30,
        comments=(
            DemoComment(
                author=GORE,
                body=(
                    "La lista corta de datos es una buena idea. Podría integrarse al tablero de "
                    "proyectos de inversión como una sección sobre agua."
                ),
                days_after=3,
            ),
        ),
    ),
    DemoLesson(
        slug="recuperar-manantiales-y-bofedales-en-las-alturas",
        title="Recuperar manantiales y bofedales en las alturas",
        kind=ContributionKind.GOOD_PRACTICE,
        theme=WATER,
        author=GORE,
        coauthors=(CEOP,),
        secondary_themes=(ENVIRONMENT,),
        summary=(
            "Comunidades de las alturas construyeron zanjas de infiltración y pequeñas qochas "
            "para recargar manantiales que se estaban secando. Es una siembra de agua: los "
            "resultados se ven años después, aguas abajo."
        ),
        context=(
            "En las partes altas de la provincia de Mariscal Nieto, varios manantiales que "
            "abastecían a familias y ganado perdieron caudal entre 2015 y 2020. Desde 2021, "
            "comunidades y técnicos trabajaron juntos para recuperarlos."
        ),
        challenge=(
            "Las lluvias se concentran en pocos meses y el agua escurre rápido por laderas "
            "sin cobertura vegetal. Las familias debían caminar cada vez más lejos para "
            "abrevar a sus animales en la época seca."
        ),
        actions=(
            "Las comunidades identificaron las zonas de recarga de sus manantiales con apoyo "
            "técnico. En faenas comunales se construyeron zanjas de infiltración, se "
            "restauraron qochas tradicionales y se cercaron bofedales. Se midió el caudal de "
            "los manantiales cada mes, con reglas sencillas y cuadernos comunales."
        ),
        results=(
            "Varios manantiales mantuvieron agua durante más meses de la época seca a partir "
            "del tercer año. Las mediciones comunales permitieron mostrar el cambio con datos "
            "propios y animaron a otras comunidades a sumarse."
        ),
        lesson=(
            "Sembrar agua exige paciencia y medición: sin registros comunales, los resultados "
            "habrían sido anécdotas. Las prácticas ancestrales como las qochas siguen siendo "
            "eficaces cuando se combinan con conocimiento técnico."
        ),
        recommendations=(
            "Empezar midiendo el caudal de los manantiales antes de construir nada. Trabajar "
            "en faenas comunales y con acuerdos de asamblea. Planificar al menos tres años de "
            "acompañamiento: la recarga es lenta."
        ),
        tags=("manantiales", "agua", "cuencas", "ganadería altoandina"),
        province=Province.MARISCAL_NIETO,
        district="Carumas",
        period_start=2021,
        period_end=2025,
        published_days_ago=20,
        comments=(
            DemoComment(
                author=SOUTHERN,
                body=(
                    "Nos interesa el método de medición con cuadernos comunales. ¿Podrían "
                    "compartir el formato en un próximo taller?"
                ),
                days_after=2,
            ),
        ),
    ),
    DemoLesson(
        slug="mesa-tecnica-del-agua-para-una-cuenca-compartida",
        title="Una mesa técnica del agua para una cuenca compartida",
        kind=ContributionKind.EXPERIENCE,
        theme=WATER,
        author=SOUTHERN,
        coauthors=(GORE,),
        summary=(
            "Agricultores, municipios, la empresa minera y la autoridad del agua se reúnen cada "
            "mes en una mesa técnica para revisar la disponibilidad de agua de la cuenca y "
            "acordar medidas en años secos."
        ),
        context=(
            "En una cuenca de la región, el agua se reparte entre la agricultura del valle, el "
            "consumo de las ciudades y la actividad minera. Desde 2022 funciona una mesa "
            "técnica con representantes de todos los usuarios."
        ),
        challenge=(
            "Cada usuario tenía su propia versión de cuánta agua había y quién la usaba. Las "
            "discusiones se daban en los medios y en momentos de crisis, cuando ya era tarde "
            "para acordar medidas."
        ),
        actions=(
            "La mesa se reúne cada mes con una agenda fija: balance hídrico, pronóstico y "
            "acuerdos. Cada usuario presenta sus datos de captación con el mismo formato, y "
            "las actas se publican. En años secos se acuerdan medidas escalonadas antes de que "
            "empiece la campaña."
        ),
        results=(
            "La mesa acordó medidas de ahorro en un año seco sin conflictos abiertos, y los "
            "usuarios conocen el balance de la cuenca. Las actas públicas se han vuelto una "
            "referencia para la prensa local."
        ),
        lesson=(
            "Dialogar antes de la crisis cambia la calidad de los acuerdos. Un formato común "
            "de datos hizo posible comparar y negociar sobre bases compartidas."
        ),
        recommendations=(
            "Reunirse también en años normales, no solo en emergencias. Acordar un formato de "
            "datos común para todos los usuarios. Publicar las actas y nombrar a un facilitador "
            "neutral."
        ),
        tags=("cuencas", "agua", "diálogo multiactor", "riego"),
        province=Province.MARISCAL_NIETO,
        period_start=2022,
        period_end=2025,
        status=IN_REVIEW,
    ),
    # ---- Management of environmental aspects
    DemoLesson(
        slug="comite-de-monitoreo-ambiental-participativo",
        title="Comité de monitoreo ambiental participativo: confianza en los datos",
        kind=ContributionKind.EXPERIENCE,
        theme=ENVIRONMENT,
        author=SOUTHERN,
        coauthors=(CEOP,),
        summary=(
            "Un comité con representantes de la población visita las instalaciones de manejo "
            "de relaves y revisa los resultados del monitoreo ambiental. Ver con sus propios "
            "ojos y preguntar sin filtros cambió la relación con la operación."
        ),
        context=(
            "Las comunidades cercanas a una operación minera de la región pedían saber cómo se "
            "manejan los relaves y qué muestran los monitoreos. Desde 2021 funciona un comité "
            "de monitoreo ambiental participativo con representantes elegidos en asamblea."
        ),
        challenge=(
            "Los informes técnicos eran extensos y difíciles de leer, y las visitas a las "
            "instalaciones eran escasas. Cualquier evento, por pequeño que fuera, generaba "
            "alarma porque no había canales de información confiables."
        ),
        actions=(
            "Se acordó un plan anual de visitas del comité a las instalaciones de relaves y a "
            "los puntos de monitoreo, con técnicos que responden preguntas en el lugar. Los "
            "informes se resumen en fichas de dos páginas, y el comité presenta lo que vio en "
            "las asambleas de sus comunidades. Se acordó un protocolo para informar de "
            "inmediato cualquier incidente."
        ),
        results=(
            "El comité conoce las instalaciones y los resultados, y sus miembros explican lo "
            "que vieron en sus propias palabras. El protocolo de aviso se usó en un incidente "
            "menor y la información llegó antes que los rumores."
        ),
        lesson=(
            "La información ambiental genera confianza cuando la población puede verificarla. "
            "El aviso temprano de un incidente, aunque sea pequeño, construye más credibilidad "
            "que cualquier informe anual."
        ),
        recommendations=(
            "Elegir a los miembros del comité en asamblea y renovarlos periódicamente. Resumir "
            "los informes en fichas cortas. Acordar por escrito un protocolo de aviso de "
            "incidentes y probarlo con simulacros."
        ),
        tags=(
            "monitoreo participativo",
            "relaves",
            "diálogo multiactor",
            "acceso a la información",
        ),
        province=Province.MARISCAL_NIETO,
        district="Torata",
        period_start=2021,
        period_end=2025,
        featured=True,
        published_days_ago=100,
        comments=(
            DemoComment(
                author=PROPUESTA,
                body=(
                    "Valoramos el protocolo de aviso de incidentes. Sugerimos que las fichas "
                    "de resultados también se publiquen en la web del comité."
                ),
                days_after=5,
            ),
            DemoComment(
                author=EITI,
                body=(
                    "Muy buen ejemplo de acceso a la información ambiental. ¿Cómo se financia "
                    "la participación de los miembros del comité?"
                ),
                days_after=8,
            ),
        ),
    ),
    DemoLesson(
        slug="calidad-del-aire-en-ilo-boletines-en-lenguaje-sencillo",
        title="Calidad del aire en Ilo: boletines en lenguaje sencillo",
        kind=ContributionKind.LESSON,
        theme=ENVIRONMENT,
        author=CEOP,
        summary=(
            "Una red de organizaciones vecinales de Ilo convirtió los datos públicos de "
            "monitoreo de la calidad del aire en un boletín semanal fácil de leer. Saber qué "
            "mide cada estación ayudó a hacer mejores preguntas a las autoridades."
        ),
        context=(
            "La calidad del aire es una preocupación antigua en Ilo, ciudad portuaria con "
            "actividad industrial. Existen estaciones de monitoreo cuyos datos son públicos, "
            "pero en 2023 pocos vecinos sabían dónde encontrarlos o cómo interpretarlos."
        ),
        challenge=(
            "Los datos se publicaban en tablas técnicas con unidades y estándares que casi "
            "nadie entendía. Los vecinos dependían de rumores para saber si el aire era bueno "
            "o malo, y la preocupación no se traducía en preguntas concretas."
        ),
        actions=(
            "Voluntarios capacitados por una ingeniera ambiental revisan cada semana los datos "
            "públicos y preparan un boletín de una página con un semáforo por estación y "
            "parámetro. El boletín se difunde por radio local, redes y murales en los "
            "mercados. Cada trimestre se invita a las autoridades a una conversación abierta."
        ),
        results=(
            "El boletín tiene lectores fijos y los vecinos lo comentan en sus asambleas. Las "
            "conversaciones con las autoridades pasaron de reclamos generales a preguntas "
            "sobre estaciones, parámetros y horarios concretos."
        ),
        lesson=(
            "Los datos abiertos solo sirven si alguien los traduce para la gente. Un semáforo "
            "sencillo, con su explicación, vale más que la tabla más completa."
        ),
        recommendations=(
            "Capacitar a los voluntarios en la lectura de estándares antes de publicar. Citar "
            "siempre la fuente y la fecha de los datos. Mantener una frecuencia fija: la "
            "regularidad genera confianza."
        ),
        tags=(
            "calidad del aire",
            "datos abiertos",
            "acceso a la información",
            "vigilancia ciudadana",
        ),
        province=Province.ILO,
        district="Ilo",
        period_start=2023,
        period_end=2025,
        published_days_ago=55,
        comments=(
            DemoComment(
                author=SOUTHERN,
                body=(
                    "Un boletín así ayuda a todos a hablar con los mismos datos. ¿Han pensado "
                    "en incluir una explicación de cómo influye el viento?"
                ),
                days_after=4,
            ),
            DemoComment(
                author=CEOP,
                body=(
                    "Sí, desde el próximo número añadiremos una nota sobre el viento y la "
                    "temporada."
                ),
                days_after=5,
            ),
        ),
    ),
    DemoLesson(
        slug="planes-de-cierre-de-minas-explicados-a-la-poblacion",
        title="Planes de cierre de minas explicados a la población",
        kind=ContributionKind.GOOD_PRACTICE,
        theme=ENVIRONMENT,
        author=EITI,
        secondary_themes=(CANON,),
        summary=(
            "Talleres con autoridades locales y organizaciones sociales explicaron qué es un "
            "plan de cierre de minas, qué garantías financieras lo respaldan y qué pasa con el "
            "territorio cuando una mina termina."
        ),
        context=(
            "Las minas tienen una vida limitada y la ley exige que cada operación tenga un plan "
            "de cierre aprobado y garantías para financiarlo. En 2024, organizaciones de la "
            "región pidieron entender estos planes, que parecían lejanos pero definen el "
            "futuro de su territorio."
        ),
        challenge=(
            "Los planes de cierre son documentos técnicos extensos y poco conocidos fuera del "
            "sector. Las autoridades locales no los tenían en cuenta al planificar el "
            "desarrollo de sus distritos a largo plazo."
        ),
        actions=(
            "Se prepararon materiales sobre el marco legal del cierre de minas, las etapas del "
            "cierre y las garantías financieras, con ejemplos ilustrativos. En talleres con "
            "autoridades y organizaciones se discutió qué preguntas hacer y dónde encontrar "
            "la información pública sobre los planes."
        ),
        results=(
            "Los participantes identificaron los planes de cierre que afectan a sus distritos y "
            "prepararon preguntas para las instancias responsables. Algunos municipios "
            "incluyeron el cierre de minas en la discusión de sus planes de desarrollo."
        ),
        lesson=(
            "El cierre de minas debe discutirse desde el inicio de la operación, no al final. "
            "Explicar las garantías financieras ayuda a separar los temores infundados de las "
            "preguntas legítimas."
        ),
        recommendations=(
            "Usar ejemplos ilustrativos y no casos en disputa para explicar los conceptos. "
            "Vincular el tema al plan de desarrollo local. Incluir a las universidades de la "
            "región para dar continuidad a la formación."
        ),
        tags=("cierre de minas", "transparencia", "acceso a la información"),
        period_start=2024,
        period_end=2025,
        anti_corruption_focus=True,
        visibility=Visibility.MEMBERS,
        published_days_ago=85,
    ),
    DemoLesson(
        slug="relaves-y-preparacion-ante-emergencias",
        title="Relaves y preparación ante emergencias en los distritos",
        kind=ContributionKind.LESSON,
        theme=ENVIRONMENT,
        author=CEM,
        coauthors=(GORE,),
        summary=(
            "Municipios de la provincia incorporaron el riesgo de los depósitos de relaves en "
            "sus planes de prevención, con mapas de rutas de evacuación y simulacros. "
            "Conocer el riesgo redujo el miedo y mejoró la preparación."
        ),
        context=(
            "Varios centros poblados de la región están aguas abajo de depósitos de relaves. "
            "Entre 2022 y 2024, un grupo de profesionales apoyó a municipios de la provincia de "
            "General Sánchez Cerro en su planificación de gestión de riesgos."
        ),
        challenge=(
            "Los planes municipales de prevención no consideraban los depósitos de relaves, y la "
            "población no sabía qué hacer ante una emergencia. El tema se evitaba por temor a "
            "generar alarma."
        ),
        actions=(
            "Se revisó la información pública sobre los depósitos cercanos y se elaboraron "
            "mapas de riesgo con las oficinas de defensa civil. Se definieron rutas de "
            "evacuación y se organizaron simulacros con escuelas y juntas vecinales. Las "
            "empresas y las autoridades explicaron sus planes de contingencia en reuniones "
            "abiertas."
        ),
        results=(
            "Los planes de prevención de los municipios participantes incluyen ahora el riesgo "
            "de los relaves. Los simulacros mostraron puntos débiles, como la falta de "
            "señalización, que se corrigieron."
        ),
        lesson=(
            "Hablar del riesgo con información y preparación reduce el miedo en lugar de "
            "aumentarlo. Los simulacros convierten un plan en papel en una práctica conocida."
        ),
        recommendations=(
            "Trabajar con las oficinas de defensa civil desde el inicio. Usar información "
            "pública y verificable. Repetir los simulacros cada año y evaluar lo aprendido."
        ),
        tags=("relaves", "gestión de riesgos", "monitoreo participativo"),
        province=Province.GENERAL_SANCHEZ_CERRO,
        period_start=2022,
        period_end=2024,
        published_days_ago=160,
        comments=(
            DemoComment(
                author=CEOP,
                body=(
                    "¿Los mapas de riesgo se pueden compartir con otras provincias? En Ilo "
                    "estamos revisando nuestro plan de prevención."
                ),
                days_after=6,
            ),
        ),
    ),
    DemoLesson(
        slug="brigadas-escolares-de-vigilancia-ambiental",
        title="Brigadas escolares de vigilancia ambiental",
        kind=ContributionKind.EXPERIENCE,
        theme=ENVIRONMENT,
        author=PROPUESTA,
        summary=(
            "Estudiantes de secundaria formaron brigadas para observar y registrar el estado de "
            "las riberas y los residuos en su distrito. La experiencia acercó a las familias "
            "a los temas ambientales."
        ),
        context=(
            "En 2025, tres colegios de la provincia de Ilo formaron brigadas ambientales con "
            "el apoyo de docentes y organizaciones locales."
        ),
        challenge=(
            "Los estudiantes conocían los problemas ambientales por las noticias, pero no "
            "tenían forma de observarlos ni registrarlos de manera ordenada."
        ),
        actions=(
            "Cada brigada eligió un tramo de ribera o una zona del distrito, y la visitó cada "
            "mes con una ficha de observación. Los registros se compartieron con la "
            "municipalidad."
        ),
        results="Las brigadas completaron sus registros del año.",
        lesson=("Los estudiantes aprenden más cuando observan su propio entorno con un método."),
        recommendations=("Contar con docentes comprometidos y una ficha sencilla de observación."),
        tags=("monitoreo participativo", "jóvenes"),
        province=Province.ILO,
        district="Pacocha",
        period_start=2025,
        period_end=2025,
        status=SENT_BACK,
        review_comment=(
            "Gracias por la experiencia. Antes de publicarla, detalle por favor los resultados: "
            "¿qué cambió en los colegios o en el distrito? Y, en la lección, ¿qué haría "
            "distinto la próxima vez?"
        ),
    ),
)
