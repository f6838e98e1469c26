//! The narrative sections of a sheet: THE table. Everything that handles a section (the
//! form, validation, revisions and diffs, the database columns, open data, the search
//! index, the CSV import and export, the demo) goes through `Section::ALL`, so adding a
//! section means a row here, a migration adding its column, and its labels in the locales.

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// A narrative section, in form order. Its code is the form field, the JSON key of a
    /// revision, the database column and the open-data column.
    pub enum Section {
        Objectives = "objectives",
        Actions = "actions",
        ActorsText = "actors_text",
        Problems = "problems",
        KeysText = "keys_text",
        Results = "results",
        Lessons = "lessons",
        Replication = "replication",
    }
}

/// Which search field of the catalogue holds a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchGroup {
    /// Problems the experience faced: matched against others' keys and lessons.
    Problems,
    /// What others can learn from it (keys, results, lessons).
    Learn,
    /// Everything else the experience tells.
    Text,
}

impl Section {
    /// The column name in the CSV import and export (shorter for two sections).
    pub fn csv_column(self) -> &'static str {
        match self {
            Section::ActorsText => "actors",
            Section::KeysText => "keys",
            other => other.code(),
        }
    }
    pub fn search_group(self) -> SearchGroup {
        match self {
            Section::Problems => SearchGroup::Problems,
            Section::KeysText | Section::Results | Section::Lessons => SearchGroup::Learn,
            _ => SearchGroup::Text,
        }
    }
    /// The sections the 2016 report found thin: keys to overcome problems, results and
    /// benefits, lessons. The guidance looks at these.
    pub fn is_reflective(self) -> bool {
        self.search_group() == SearchGroup::Learn
    }
}

const COUNT: usize = Section::ALL.len();

/// The text of every narrative section. In JSON (revisions, the demo) and in forms each
/// section is a key of its own (`"objectives": "…"`), so stored revisions keep their shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrative([String; COUNT]);

impl Narrative {
    pub fn get(&self, s: Section) -> &str {
        &self.0[s as usize]
    }
    pub fn set(&mut self, s: Section, text: impl Into<String>) {
        self.0[s as usize] = text.into();
    }
    /// Every section with its text, in form order.
    pub fn iter(&self) -> impl Iterator<Item = (Section, &str)> {
        Section::ALL.iter().map(|s| (*s, self.get(*s)))
    }
    /// The texts of the sections of one search group, one per line.
    pub fn joined(&self, group: SearchGroup) -> String {
        self.iter()
            .filter(|(s, t)| s.search_group() == group && !t.is_empty())
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join("\n")
    }
    /// Takes a key/value pair if the key names a section; says whether it did.
    pub fn take(&mut self, key: &str, value: String) -> bool {
        match Section::parse(key) {
            Some(s) => {
                self.set(s, value);
                true
            }
            None => false,
        }
    }
}

impl Serialize for Narrative {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(COUNT))?;
        for (s, text) in self.iter() {
            map.serialize_entry(s.code(), text)?;
        }
        map.end()
    }
}

/// A value beside the sections in a flattened map: a section's text, or another field's
/// value (which belongs to the containing struct and is skipped here).
#[derive(Deserialize)]
#[serde(untagged)]
enum Beside {
    Text(String),
    Other(IgnoredAny),
}

impl<'de> Deserialize<'de> for Narrative {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Sections;
        impl<'de> Visitor<'de> for Sections {
            type Value = Narrative;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of narrative sections")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Narrative, A::Error> {
                let mut n = Narrative::default();
                while let Some(key) = map.next_key::<String>()? {
                    if let Beside::Text(text) = map.next_value::<Beside>()? {
                        n.take(&key, text);
                    }
                }
                Ok(n)
            }
        }
        deserializer.deserialize_map(Sections)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_one_place_and_a_round_trip() {
        let mut n = Narrative::default();
        for (i, s) in Section::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i, "the table order is the storage order");
            n.set(*s, format!("texto {i}"));
        }
        let json = serde_json::to_value(&n).unwrap();
        assert_eq!(json["keys_text"], "texto 4");
        let back: Narrative = serde_json::from_value(json).unwrap();
        assert_eq!(back, n);
        assert_eq!(n.joined(SearchGroup::Problems), "texto 3");
    }
}
