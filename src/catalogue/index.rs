//! The search index's shape: fields, analyzers and how a sheet becomes a document.
//! Every text is indexed twice, with a Spanish and a Portuguese analyzer (lowercase, accents
//! folded, then stemmed), so a query in either language meets sheets in both.

use crate::experiences::Experience;
use crate::experiences::SearchGroup;
use tantivy::schema::{
    FAST, Facet, FacetOptions, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

pub const LANGS: [&str; 2] = ["es", "pt"];
/// Text groups and their weight in ranking: title > summary > learnings/keys > the rest.
pub const GROUPS: [(&str, f32); 5] = [
    ("title", 4.0),
    ("summary", 2.5),
    ("learn", 1.6),
    ("problems", 1.0),
    ("body", 1.0),
];

#[derive(Clone)]
pub struct Fields {
    pub id: tantivy::schema::Field,
    pub updated: tantivy::schema::Field,
    pub visibility: tantivy::schema::Field,
    pub facets: tantivy::schema::Field,
    /// (group, lang) → field, e.g. ("title", "es") → `title_es`.
    pub text: Vec<((&'static str, &'static str), tantivy::schema::Field)>,
}

impl Fields {
    pub fn text(&self, group: &str, lang: &str) -> tantivy::schema::Field {
        self.text
            .iter()
            .find(|((g, l), _)| *g == group && *l == lang)
            .map(|(_, f)| *f)
            .expect("known field")
    }
}

fn analyzer(lang: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(lang))
        .build()
}

pub fn create() -> (Index, Fields) {
    let mut b = Schema::builder();
    let id = b.add_i64_field("id", INDEXED | STORED | FAST);
    let updated = b.add_i64_field("updated", FAST);
    let visibility = b.add_i64_field("visibility", FAST);
    let facets = b.add_facet_field("facets", FacetOptions::default());
    let mut text = Vec::new();
    for (group, _) in GROUPS {
        for lang in LANGS {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(lang)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let field = b.add_text_field(
                &format!("{group}_{lang}"),
                TextOptions::default().set_indexing_options(indexing),
            );
            text.push(((group, lang), field));
        }
    }
    let index = Index::create_in_ram(b.build());
    index
        .tokenizers()
        .register("es", analyzer(Language::Spanish));
    index
        .tokenizers()
        .register("pt", analyzer(Language::Portuguese));
    (
        index,
        Fields {
            id,
            updated,
            visibility,
            facets,
            text,
        },
    )
}

/// Scale rank used by "por descubrir": smaller territories first.
fn scale_rank(scale: &str) -> i64 {
    match scale {
        "comunitaria" => 0,
        "municipal" => 1,
        "intermunicipal" => 2,
        "departamental" => 3,
        "nacional" => 4,
        "internacional" => 5,
        _ => 1,
    }
}

/// How visible a sheet is by its nature: size of the territory, number of people behind it.
/// "Por descubrir" adds page views at query time (they never rewrite the index) and shows the
/// lowest first.
pub fn visibility(e: &Experience) -> i64 {
    15 * scale_rank(&e.content.scale) + 10 * e.coeditor_ids.len() as i64
}

/// What a sheet's document takes from other domains: the calls that approved it, its offers
/// and needs, the cooperation it seeks.
#[derive(Default)]
pub struct Extras {
    pub calls: Vec<i64>,
    pub offers: Vec<crate::connections::offers::Offer>,
    pub cooperation: Vec<crate::connections::Cooperation>,
}

impl Extras {
    /// The extras of many sheets at once, by sheet.
    pub async fn of(
        db: &crate::db::Db,
        ids: &[i64],
    ) -> anyhow::Result<std::collections::HashMap<i64, Extras>> {
        let mut calls = crate::calls::approved_calls(db, ids).await?;
        let mut offers = crate::connections::offers::by_sheet(db, ids).await?;
        let mut cooperation = crate::connections::offers::cooperation_by_sheet(db, ids).await?;
        Ok(ids
            .iter()
            .map(|id| {
                let extras = Extras {
                    calls: calls.remove(id).unwrap_or_default(),
                    offers: offers.remove(id).unwrap_or_default(),
                    cooperation: cooperation.remove(id).unwrap_or_default(),
                };
                (*id, extras)
            })
            .collect())
    }
}

pub fn document(f: &Fields, e: &Experience, extras: &Extras) -> TantivyDocument {
    let c = &e.content;
    let mut doc = TantivyDocument::default();
    doc.add_i64(f.id, e.id);
    doc.add_i64(f.updated, e.updated_at);
    doc.add_i64(f.visibility, visibility(e));
    let mut facet = |path: String| {
        doc.add_facet(
            f.facets,
            Facet::from_text(&path).unwrap_or_else(|_| Facet::root()),
        )
    };
    facet(format!("/pais/{}", c.country));
    for t in &c.themes {
        facet(format!("/tema/{t}"));
    }
    for t in &c.actor_types {
        facet(format!("/actor/{t}"));
    }
    for t in &c.modalities {
        facet(format!("/modalidad/{t}"));
    }
    if !c.scale.is_empty() {
        facet(format!("/escala/{}", c.scale));
    }
    facet(format!("/estado/{}", c.status));
    for call in &extras.calls {
        facet(format!("/convocatoria/{call}"));
    }
    use crate::connections::Direction;
    for (direction, code) in [(Direction::Offer, "ofrece"), (Direction::Need, "busca")] {
        if extras.offers.iter().any(|o| o.direction == direction) {
            facet(format!("/intercambio/{code}"));
        }
    }
    for kind in &extras.cooperation {
        facet(format!("/cooperacion/{}", kind.code()));
    }
    if crate::experiences::documents_lessons(c) {
        facet("/aprendizajes/si".into());
    }
    // each narrative section goes to the group its table row names
    let n = &c.narrative;
    let texts = [
        ("title", c.title.clone()),
        ("summary", c.summary.clone()),
        ("learn", n.joined(SearchGroup::Learn)),
        ("problems", n.joined(SearchGroup::Problems)),
        (
            "body",
            format!(
                "{}\n{}\n{}\n{}",
                n.joined(SearchGroup::Text),
                c.partners,
                c.place,
                extras
                    .offers
                    .iter()
                    .map(|o| o.body.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        ),
    ];
    for (group, value) in texts {
        for lang in LANGS {
            doc.add_text(f.text(group, lang), &value);
        }
    }
    doc
}
