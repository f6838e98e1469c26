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
        for call in [".t(\"", ".t_with(\""] {
            for part in text.split(call).skip(1) {
                used.insert(part.split('"').next().unwrap().to_string());
            }
        }
    }
    // keys built at run time
    for s in ayni::experiences::Section::ALL.iter().map(|s| s.code()) {
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

/// The messages of `lang` whose text takes a `$count`, with their whole text.
fn counted_messages(lang: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(Path::new("locales").join(lang)).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut current: Option<(String, String)> = None;
        for line in text.lines() {
            let starts_message = !line.starts_with([' ', '\t', '*', '}', '[', '#'])
                && line.split_once(" =").is_some();
            if starts_message {
                out.extend(current.take());
                let (k, v) = line.split_once(" =").unwrap();
                current = Some((k.to_string(), v.to_string()));
            } else if let Some((_, v)) = current.as_mut() {
                v.push('\n');
                v.push_str(line);
            }
        }
        out.extend(current);
    }
    out.retain(|(_, v)| v.contains("$count"));
    out
}

/// Portuguese puts 0 in the plural category `one`: a form that spells "1" or "Uma" would
/// say "one" for nothing. Every message taking a count shows the count it was given.
#[test]
fn every_count_message_says_zero_one_and_two_right() {
    use ayni::i18n::Lang;
    for lang in [Lang::Es, Lang::Pt, Lang::En] {
        let messages = counted_messages(lang.code());
        assert!(
            messages.len() > 10,
            "{}: few count messages found",
            lang.code()
        );
        for (key, text) in &messages {
            // the message's other arguments get a word without digits
            let others: Vec<String> = text
                .split('$')
                .skip(1)
                .map(|s| {
                    s.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect::<String>()
                })
                .filter(|v| v != "count")
                .collect();
            for n in [0, 1, 2, 7] {
                let mut args = vec![("count", n.to_string())];
                args.extend(others.iter().map(|v| (v.as_str(), "Xx".to_string())));
                let shown = lang.t_args(key, &args);
                let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
                let number_words = ["Una ", "Uma ", "One ", "un ", "uma ", "one "];
                let says_one =
                    shown.contains('1') || number_words.iter().any(|w| shown.contains(w));
                match n {
                    1 => assert!(
                        says_one && !digits.contains(['0', '2', '7']),
                        "{} {key} for 1: {shown}",
                        lang.code()
                    ),
                    _ => assert!(
                        digits.contains(&n.to_string()) && !says_one,
                        "{} {key} for {n}: {shown}",
                        lang.code()
                    ),
                }
            }
        }
    }
}
