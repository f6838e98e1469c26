//! Systematization guidance: measures each narrative section of a sheet (empty, thin or
//! developed) by length and concreteness, and offers guiding questions for the thin ones.
//! Shown only to the sheet's editors; nothing is scored in public. The catalogue's filter
//! "documenta sus aprendizajes" is `measure(lessons) == Developed`. Pure functions, no I/O.

use super::ExperienceContent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Empty,
    Thin,
    Developed,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Level::Empty => "empty",
            Level::Thin => "thin",
            Level::Developed => "developed",
        }
    }
}

/// Words that signal cause and effect, change over time, or a concrete account — what the
/// 2016 report found missing from keys, benefits and lessons.
const CONCRETE_MARKERS: &[&str] = &[
    // causes
    "porque",
    "gracias",
    "debido",
    "permitió",
    "permitio",
    "logró",
    "logro",
    "clave",
    "por eso",
    "ya que",
    "lo que",
    "porém",
    "porque",
    "graças",
    "permitiu",
    "devido",
    "por isso",
    // before / after, change
    "antes",
    "después",
    "despues",
    "pasó de",
    "paso de",
    "aumentó",
    "aumento",
    "redujo",
    "bajó",
    "subió",
    "creció",
    "mejoró",
    "depois",
    "passou de",
    "aumentou",
    "reduziu",
    "cresceu",
    "melhorou",
    // reflection
    "aprendimos",
    "haríamos",
    "hariamos",
    "distinto",
    "no esperábamos",
    "aprendemos",
    "faríamos",
    "diferente",
    "empezaríamos",
    "começaríamos",
    "subiu",
    // English
    "because",
    "thanks to",
    "led to",
    "rose",
    "increased",
    "fell",
    "reduced",
    "grew",
    "improved",
    "we learned",
    "would",
];

/// How concrete a text is: numbers, named actors (capitalised words inside sentences),
/// causal and before/after words. Each kind counts once.
pub fn concreteness(text: &str) -> u32 {
    let lower = text.to_lowercase();
    let numbers = text.chars().any(|c| c.is_ascii_digit()) as u32;
    let markers = CONCRETE_MARKERS
        .iter()
        .filter(|m| lower.contains(*m))
        .count()
        .min(2) as u32;
    let named = text
        .split(['.', '\n', '!', '?'])
        .flat_map(|sentence| sentence.split_whitespace().skip(1))
        .any(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 2)
        as u32;
    numbers + markers + named
}

/// Whether a text carries figures (a number of two or more digits, or a percentage).
fn quantified(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() >= 2)
        || text.contains('%')
}

/// Empty, thin or developed. Tuned on the demonstration data, whose lessons the 2016 report
/// would have called rich (concrete, around 80+ words), thin (a sentence or two) or empty.
pub fn measure(text: &str) -> Level {
    let words = text.split_whitespace().count();
    let concrete = concreteness(text);
    match words {
        0..=2 => Level::Empty,
        n if n >= 70 && concrete >= 1 => Level::Developed,
        n if n >= 35 && concrete >= 2 => Level::Developed,
        // a quantified account is concrete even when short: "subió de 450 a 720…"
        n if n >= 12 && quantified(text) && concrete >= 2 => Level::Developed,
        n if n >= 30 && quantified(text) => Level::Developed,
        n if n >= 20 && concrete >= 2 => Level::Developed,
        _ => Level::Thin,
    }
}

/// (section, level) for every narrative section.
pub fn assess(c: &ExperienceContent) -> Vec<(&'static str, Level)> {
    c.narrative
        .iter()
        .map(|(s, text)| (s.code(), measure(text)))
        .collect()
}

/// Number of guiding questions per section (`guide-q-<section>-<n>` in the locales).
pub const QUESTIONS_PER_SECTION: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_thin_and_developed() {
        assert_eq!(measure(""), Level::Empty);
        assert_eq!(measure("  - "), Level::Empty);
        assert_eq!(
            measure("Se aprendió mucho del trabajo conjunto."),
            Level::Thin
        );
        let rich = "Aprendimos que el acuerdo sobre el precio importa más que la infraestructura: el centro de acopio \
                    sirvió recién cuando hubo confianza. En 2014 vendíamos 40 quintales; gracias a las asambleas de la \
                    Asociación de Productores pasamos a 300 en 2016. Si empezáramos hoy, haríamos primero las asambleas \
                    y después la obra, porque sin confianza nadie entrega su cosecha.";
        assert_eq!(measure(rich), Level::Developed);
    }

    /// The examples the form shows are what we ask for: guidance never calls them thin.
    #[test]
    fn the_forms_examples_and_quantified_results_are_not_thin() {
        for lang in [
            crate::i18n::Lang::Es,
            crate::i18n::Lang::Pt,
            crate::i18n::Lang::En,
        ] {
            for section in ["results", "lessons"] {
                let example = lang.t(&format!("example-{section}"));
                assert_eq!(
                    measure(&example),
                    Level::Developed,
                    "{lang:?} {section}: {example}"
                );
            }
        }
        let result = "Entre 2017 y 2021 la asociación pasó de 35 a 112 socias. Las ventas en la feria \
                      dominical crecieron de 8.000 a 26.500 bolivianos al mes y el municipio incorporó la feria a su \
                      plan operativo anual con un presupuesto propio de 40.000 bolivianos para puestos y limpieza.";
        assert!(result.split_whitespace().count() >= 40);
        assert_eq!(measure(result), Level::Developed);
    }

    #[test]
    fn long_but_vague_text_stays_thin() {
        let vague = "fue una experiencia muy buena y muy importante para todos y todas ".repeat(4);
        assert_eq!(measure(&vague), Level::Thin);
    }
}
