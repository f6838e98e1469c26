//! Translations are complete: every key exists in es, pt and en; every key the code uses
//! exists; no course vocabulary anywhere in the interface.

use std::collections::BTreeSet;
use std::path::Path;

fn keys_of(lang: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(Path::new("locales").join(lang)).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((k, _)) = line.split_once(" =")
                && !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && k.chars().next().unwrap().is_ascii_alphabetic()
            {
                assert!(keys.insert(k.to_string()), "{lang}: duplicate key {k}");
            }
        }
    }
    keys
}

#[test]
fn every_language_has_every_key() {
    let es = keys_of("es");
    for lang in ["pt", "en"] {
        let other = keys_of(lang);
        let missing: Vec<_> = es.difference(&other).collect();
        let extra: Vec<_> = other.difference(&es).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has keys Spanish lacks: {extra:?}");
    }
}

fn files_under(dir: &str, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(p.to_str().unwrap(), out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_key_used_by_the_code_exists() {
    let es = keys_of("es");
    let mut used = BTreeSet::new();
    let mut files = Vec::new();
    files_under("templates", &mut files);
    files_under("src", &mut files);
    let prefixes = [
        "error-", "notice-", "mail-", "upload-", "nav-", "field-", "help-", "history-", "token-",
        "confirm-",
    ];
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs" || e == "html"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        for piece in text.split('"').skip(1).step_by(2) {
            if prefixes.iter().any(|p| piece.starts_with(p))
                && piece
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                used.insert(piece.to_string());
            }
        }
        for call in [".t(\"", ".t1(\""] {
            for part in text.split(call).skip(1) {
                used.insert(part.split('"').next().unwrap().to_string());
            }
        }
    }
    // keys built at run time
    for s in ayni::experiences::NARRATIVE_SECTIONS {
        for p in ["field-", "help-", "example-"] {
            used.insert(format!("{p}{s}"));
        }
    }
    for f in [
        "title",
        "summary",
        "place",
        "latitude",
        "longitude",
        "themes",
        "actor_types",
        "modalities",
        "partners",
        "links",
        "note",
        "file",
    ] {
        used.insert(format!("help-{f}"));
    }
    for f in [
        "coordinates",
        "years",
        "contact",
        "title",
        "summary",
        "name",
        "organisation",
        "email",
        "password",
    ] {
        used.insert(format!("field-{f}"));
    }
    for k in [
        "ongoing",
        "finished",
        "draft",
        "published",
        "archived",
        "state-help-draft",
        "state-help-archived",
    ] {
        used.insert(k.to_string());
    }
    let missing: Vec<_> = used.iter().filter(|k| !es.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys used but not translated: {missing:?}"
    );
}

#[test]
fn the_interface_never_speaks_of_courses() {
    // "en curso"/"em curso" as an experience's status is allowed; the rest is the report's list.
    let banned = [
        "curso",
        "cursos",
        "calificación",
        "calificaciones",
        "docente",
        "docentes",
        "alumno",
        "alumnos",
        "estudiante",
        "profesor",
        "unidad",
        "unidades",
        "aluno",
        "alunos",
        "professor",
        "course",
        "courses",
        "student",
        "students",
        "teacher",
        "grade",
        "grades",
    ];
    let mut files = Vec::new();
    files_under("locales", &mut files);
    files_under("templates", &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f)
            .unwrap()
            .to_lowercase()
            .replace("en curso", "")
            .replace("em curso", "");
        for word in text.split(|c: char| !c.is_alphanumeric() && c != 'ó' && c != 'á') {
            assert!(
                !banned.contains(&word),
                "{}: course vocabulary {word:?}",
                f.display()
            );
        }
    }
}
