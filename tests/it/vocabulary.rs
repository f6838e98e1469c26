//! The exchange spaces never speak of courses (the 2016 report's main criticism of the old
//! campus). Every forum template, every string of the forum translations in the three
//! languages, and every forum page as rendered with the demonstration forum (in es, pt, en)
//! is scanned for course vocabulary.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;

const FORBIDDEN: &[&str] = &[
    // es
    "curso",
    "cursos",
    "calificación",
    "calificaciones",
    "nota",
    "notas",
    "docente",
    "docentes",
    "profesor",
    "profesora",
    "profesores",
    "profesoras",
    "alumno",
    "alumna",
    "alumnos",
    "alumnas",
    "estudiante",
    "estudiantes",
    "unidad",
    "unidades",
    "tarea",
    "tareas",
    "evaluación",
    "evaluaciones",
    // pt
    "avaliação",
    "avaliações",
    "professor",
    "professora",
    "professores",
    "aluno",
    "aluna",
    "alunos",
    "estudantes",
    "unidade",
    "tarefa",
    "tarefas",
    "classificação",
    "classificações",
    // en
    "course",
    "courses",
    "grade",
    "grades",
    "grading",
    "teacher",
    "teachers",
    "instructor",
    "instructors",
    "student",
    "students",
    "pupil",
    "pupils",
    "unit",
    "units",
    "homework",
    "assignment",
    "assignments",
    "assessment",
    "assessments",
    "evaluation",
    "evaluations",
    "lesson",
    "lessons",
    "classroom",
];

/// The forbidden words found in `text` (whole words, any case).
fn hits(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| FORBIDDEN.contains(&w.as_str()))
        .collect()
}

/// Visible text of HTML or of a template: tags, expressions and statements removed.
fn visible(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    let opens = ["<script", "<style", "{{", "{%", "{#", "<"];
    while let Some((i, open)) = opens
        .iter()
        .filter_map(|o| rest.find(o).map(|i| (i, *o)))
        .min_by_key(|(i, _)| *i)
    {
        out.push_str(&rest[..i]);
        out.push(' ');
        let close = match open {
            "<script" => "</script>",
            "<style" => "</style>",
            "{{" => "}}",
            "{%" => "%}",
            "{#" => "#}",
            _ => ">",
        };
        rest = match rest[i..].find(close) {
            Some(j) => &rest[i + j + close.len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[test]
fn the_scanner_finds_course_words() {
    assert_eq!(
        hits("Bienvenida al Curso, unidad 2"),
        vec!["curso", "unidad"]
    );
    assert!(hits("Concursos y comunidades").is_empty());
    assert_eq!(
        visible("<p class=\"x\">Hola {{ ctx.t(\"a\") }} mundo</p>").trim(),
        "Hola   mundo"
    );
}

#[test]
fn forum_templates_and_translations_never_speak_of_courses() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    for dir in ["templates/forums", "templates/notifications"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for w in hits(&visible(&text)) {
                problems.push(format!("{}: {w}", path.display()));
            }
        }
    }
    for lang in ["es", "pt", "en"] {
        let path = root.join(format!("locales/{lang}/forums.ftl"));
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let value = line.split_once(" = ").map(|(_, v)| v).unwrap_or(line);
            for w in hits(value) {
                problems.push(format!("{}: {w} in «{line}»", path.display()));
            }
        }
    }
    assert!(problems.is_empty(), "course vocabulary: {problems:#?}");
}

on_both_backends!(forum_pages_of_the_demo_never_speak_of_courses);

async fn forum_pages_of_the_demo_never_speak_of_courses(app: TestApp) {
    ayni::demo::load(app.db()).await.unwrap();
    // the demo's Portuguese messages are marked as such
    let (pt,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM posts WHERE lang = 'pt'")
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
    assert!(pt >= 1, "Ana Souza's dilemma is in Portuguese");
    // a facilitator sees every page, moderation included
    let page = app
        .post(
            "/cuenta/entrar",
            &[
                ("email", "marta.rodriguez@demo.ayni"),
                ("password", ayni::demo::DEMO_PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let forum = app.get("/foros").await;
    let id: String = forum
        .body
        .match_indices("href=\"/foros/")
        .map(|(i, _)| {
            forum.body[i + 13..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .find(|d| !d.is_empty())
        .expect("a forum link");
    let mut paths = vec![
        "/foros".to_string(),
        format!("/foros/{id}"),
        format!("/foros/{id}/moderacion"),
        format!("/foros/{id}/dilemas"),
        format!("/foros/{id}/participacion"),
        format!("/foros/{id}/espacios/nuevo"),
        "/notificaciones".into(),
        "/notificaciones/preferencias".into(),
    ];
    let forum_page = app.get(&format!("/foros/{id}")).await;
    let links = |body: &str, prefix: &str| -> Vec<String> {
        body.match_indices(prefix)
            .map(|(i, _)| {
                let digits: String = body[i + prefix.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits
            })
            .filter(|d| !d.is_empty())
            .map(|d| format!("{prefix}{d}"))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let spaces = links(&forum_page.body, "/foros/espacios/");
    assert_eq!(spaces.len(), 7, "the demo forum has seven spaces");
    for s in &spaces {
        let page = app.get(s).await;
        paths.push(s.clone());
        for t in links(&page.body, "/foros/temas/") {
            let id = t.trim_start_matches("/foros/temas/").to_string();
            paths.push(t);
            paths.push(format!("/foros/mensajes/{id}/historial"));
        }
    }
    let mut problems = Vec::new();
    for lang in ["es", "pt", "en"] {
        app.get(&format!("/idioma/{lang}?volver=/")).await;
        for p in &paths {
            let page = app.get(p).await;
            assert_eq!(page.status, StatusCode::OK, "{p} in {lang}");
            let main =
                &page.body[page.body.find("<main").unwrap()..page.body.find("</main>").unwrap()];
            for w in hits(&visible(main)) {
                problems.push(format!("{lang} {p}: {w}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "course vocabulary on forum pages: {problems:#?}"
    );
}
