//! The catalogue: search quality on the demonstration data, facets, orderings, sync.

use crate::common::TestApp;
use crate::on_both_backends;
use axum::http::StatusCode;
use ayni::catalogue::{SearchRequest, Sort};
use std::collections::HashMap;

async fn demo_ids(app: &TestApp) -> HashMap<String, i64> {
    ayni::demo::load(app.db()).await.unwrap();
    app.sync_search().await;
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT demo_key, id FROM experiences WHERE demo_key IS NOT NULL")
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    rows.into_iter().collect()
}

on_both_backends!(
    relevance_set_finds_the_expected_sheets_in_the_top_five,
    facets_filters_and_orderings_work_together_without_javascript,
    an_edit_is_found_by_search_after_the_change_log_is_followed,
);

async fn relevance_set_finds_the_expected_sheets_in_the_top_five(app: TestApp) {
    let ids = demo_ids(&app).await;
    let by_id: HashMap<i64, &str> = ids.iter().map(|(k, v)| (*v, k.as_str())).collect();
    let cases = include_str!("../data/relevance.tsv");
    let (mut queries, mut hits, mut expected_total, mut found_total, mut reciprocal) =
        (0, 0, 0, 0, 0.0);
    let mut misses = Vec::new();
    for line in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (q, keys) = line.split_once('\t').expect("query<TAB>keys");
        let req = SearchRequest {
            q: q.into(),
            page: 1,
            per_page: 5,
            sort: Sort::Relevance,
            ..Default::default()
        };
        let top = app.catalogue().search(&req).unwrap().ids;
        let expected: Vec<i64> = keys
            .split(',')
            .map(|k| {
                *ids.get(k.trim())
                    .unwrap_or_else(|| panic!("unknown demo key {k}"))
            })
            .collect();
        let found = expected.iter().filter(|id| top.contains(id)).count();
        queries += 1;
        expected_total += expected.len();
        found_total += found;
        if let Some(rank) = top.iter().position(|id| expected.contains(id)) {
            reciprocal += 1.0 / (rank as f64 + 1.0);
        }
        if found == expected.len() {
            hits += 1;
        } else {
            let got: Vec<&str> = top
                .iter()
                .map(|i| by_id.get(i).copied().unwrap_or("?"))
                .collect();
            misses.push(format!("{q:?}: expected {keys}, got {got:?}"));
        }
    }
    let success = hits as f64 / queries as f64;
    let recall = found_total as f64 / expected_total as f64;
    eprintln!(
        "relevance ({:?}): {queries} queries, all expected in top 5: {:.1}%, recall@5: {:.1}%, MRR: {:.3}",
        app.backend(),
        success * 100.0,
        recall * 100.0,
        reciprocal / queries as f64
    );
    for m in &misses {
        eprintln!("  miss {m}");
    }
    assert!(queries >= 30);
    assert!(success >= 0.9, "too many misses:\n{}", misses.join("\n"));
}

async fn facets_filters_and_orderings_work_together_without_javascript(app: TestApp) {
    demo_ids(&app).await;
    let all = app.get("/experiencias").await;
    all.assert_contains("63 experiencias publicadas")
        .assert_contains("Bolivia</a> <span class=\"count\">(31)</span>");
    let bo = app.get("/experiencias?pais=BO").await;
    bo.assert_contains("31 experiencias publicadas")
        .assert_contains("aria-current=\"true\"");
    let bo_tur = app.get("/experiencias?pais=BO&tema=turismo").await;
    bo_tur
        .assert_contains("Turismo comunitario en el Parque Nacional Sajama")
        .assert_lacks("Capachica</a>");
    let either = app.get("/experiencias?pais=BO&pais=PE").await;
    either.assert_contains("46 experiencias publicadas");
    let lessons = app.get("/experiencias?aprendizajes=si").await;
    lessons.assert_contains("Documenta sus aprendizajes");
    // words + filter, highlighted snippet
    let q = app.get("/experiencias?q=quinua&pais=PE").await;
    q.assert_contains("Pasantías binacionales de productores de quinua")
        .assert_contains("<b>quinua</b>")
        .assert_lacks("Salinas de Garci Mendoza</a>");
    // nothing found: a helpful page that offers to drop the filters
    let none = app.get("/experiencias?q=quinua&pais=UY").await;
    none.assert_contains("No encontramos experiencias")
        .assert_contains("Quitar todos los filtros");
    // orderings
    app.get("/experiencias?orden=por-descubrir")
        .await
        .assert_contains("menos visitadas");
    let recent = app.get("/experiencias?orden=recientes&pagina=4").await;
    assert_eq!(recent.status, StatusCode::OK);
    recent.assert_contains("Página 4 / 4");
    // unknown values are harmless: dropped, neither searched for nor shown as a filter
    let count = |body: &str| {
        let end = body.find(" experiencias publicadas").expect("a count");
        body[..end].rsplit(['>', ' ']).next().unwrap().to_string()
    };
    let all = count(&app.get("/experiencias").await.body);
    let odd = app
        .get("/experiencias?pais=%3Cscript%3E&orden=x&pagina=-3")
        .await;
    odd.assert_lacks("<script>")
        .assert_lacks("Quitar todos los filtros");
    assert_eq!(count(&odd.body), all);
    // operators are typed, not searched for: "agua AND tierra" finds what "agua tierra" does
    let both = count(&app.get("/experiencias?q=agua+tierra").await.body);
    let and = count(&app.get("/experiencias?q=agua+AND+tierra").await.body);
    assert_eq!(and, both);
    app.get("/").await.assert_contains("Por descubrir");
}

async fn an_edit_is_found_by_search_after_the_change_log_is_followed(app: TestApp) {
    app.register_confirmed("Rosa Mamani").await;
    let id = app.create_sheet("Ferias de trueque en Tarabuco").await;
    app.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "publicar")],
    )
    .await;
    // another instance on the same database, with its own index
    let other = ayni::catalogue::Catalogue::new().unwrap();
    other.rebuild(app.db(), |_| {}).await.unwrap();
    let find = |q: &str| SearchRequest {
        q: q.into(),
        page: 1,
        per_page: 5,
        ..Default::default()
    };
    assert_eq!(other.search(&find("trueque")).unwrap().ids, vec![id]);
    let mut fields = crate::common::sheet_fields("Ferias de intercambio en Tarabuco");
    fields.push(("version", "1"));
    app.post(&format!("/experiencias/{id}/editar"), &fields)
        .await;
    assert_eq!(
        other.search(&find("intercambio")).unwrap().total,
        0,
        "not yet followed"
    );
    assert_eq!(other.catch_up(app.db()).await.unwrap(), 1);
    assert_eq!(other.search(&find("intercambio")).unwrap().ids, vec![id]);
    assert_eq!(other.search(&find("trueque")).unwrap().total, 0);
    app.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "archivar")],
    )
    .await;
    other.catch_up(app.db()).await.unwrap();
    assert_eq!(other.search(&find("tarabuco")).unwrap().total, 0);
}

on_both_backends!(
    open_data_exports_published_sheets_without_contact_details,
    figures_match_the_demo_distribution_and_download_as_csv,
    map_shades_countries_and_offers_a_table,
    sheet_page_links_related_and_complementary_experiences,
    page_views_are_counted_without_personal_data,
);

async fn open_data_exports_published_sheets_without_contact_details(app: TestApp) {
    demo_ids(&app).await;
    // a draft must never leak
    app.register("Rosa Mamani").await;
    app.create_sheet("Borrador secreto de Rosa").await;
    app.sync_search().await;
    let anon = app.client();
    let (status, headers, body) = anon.get_bytes("/datos/experiencias.csv", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = String::from_utf8(body).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, ayni::catalogue::open_data::columns());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 63);
    assert!(!text.contains("@example.org") && !text.contains("Borrador secreto"));
    assert!(
        rows.iter().any(|r| r[14].contains('|')),
        "multi-valued themes are joined with |"
    );

    let filtered = String::from_utf8(
        anon.get_bytes("/datos/experiencias.csv?pais=UY", None)
            .await
            .2,
    )
    .unwrap();
    assert_eq!(
        csv::Reader::from_reader(filtered.as_bytes())
            .records()
            .count(),
        1
    );

    let (_, _, json) = anon
        .get_bytes("/datos/experiencias.json?tema=mineria", None)
        .await;
    let v: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    let list = v["experiences"].as_array().unwrap();
    assert_eq!(v["count"].as_u64().unwrap() as usize, list.len());
    assert!(
        list.len() >= 2
            && list.iter().all(|e| e["themes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "mineria"))
    );
    assert!(list[0].get("contact_email").is_none());

    anon.get("/datos")
        .await
        .assert_contains("documents_lessons")
        .assert_contains("CC BY 4.0");
    let atom = anon.get("/experiencias.atom").await;
    assert!(
        atom.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("atom")
    );
    assert_eq!(atom.body.matches("<entry>").count(), 50);
    let sitemap = anon.get("/sitemap.xml").await;
    assert_eq!(sitemap.body.matches("/experiencias/").count(), 63);
    let (id,): (i64,) = sqlx::query_as(
        "SELECT id FROM experiences WHERE state = 'published' AND latitude IS NOT NULL LIMIT 1",
    )
    .fetch_one(&app.db().pool)
    .await
    .unwrap();
    let page = anon.get(&format!("/experiencias/{id}")).await;
    let ld = page
        .body
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let ld: serde_json::Value = serde_json::from_str(ld).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "CreativeWork");
    assert!(ld["spatialCoverage"]["geo"]["latitude"].is_number());
}

async fn figures_match_the_demo_distribution_and_download_as_csv(app: TestApp) {
    demo_ids(&app).await;
    let page = app.get("/estadisticas").await;
    page.assert_contains("63 experiencias publicadas")
        .assert_contains("<td>Bolivia</td><td>31</td><td>49.2%</td>")
        .assert_contains("<td>Perú</td><td>15</td>")
        .assert_contains("<td>México</td><td>2</td>")
        .assert_contains("<svg class=\"chart\"")
        .assert_contains("documentan sus aprendizajes");
    let (status, _, csv) = app.get_bytes("/estadisticas/pais.csv", None).await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with("code,label,count,share_percent\nBO,Bolivia,31,49.2\nPE,Perú,15,23.8\n"),
        "{csv}"
    );
    // figures follow catalogue filters
    app.get("/estadisticas?pais=PE")
        .await
        .assert_contains("15 experiencias publicadas");
    assert_eq!(
        app.get("/estadisticas/nada.csv").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn map_shades_countries_and_offers_a_table(app: TestApp) {
    demo_ids(&app).await;
    let page = app.get("/mapa").await;
    page.assert_contains("<svg class=\"map\"")
        .assert_contains("href=\"/experiencias?pais=BO\" aria-label=\"Bolivia: 31 experiencias\"")
        .assert_contains("fill=\"#6e2a0a\"")
        .assert_contains("<td><a href=\"/experiencias?pais=BO\">Bolivia</a></td><td>31</td>")
        .assert_contains("<circle");
    // 33 countries are drawn, linked to the filtered catalogue
    assert_eq!(page.body.matches("<path d=").count(), 33);
}

async fn sheet_page_links_related_and_complementary_experiences(app: TestApp) {
    let ids = demo_ids(&app).await;
    let id = ids["bo-09-residuos-solidos-riberalta"];
    let page = app.get(&format!("/experiencias/{id}")).await;
    page.assert_contains("Experiencias para conectar")
        .assert_contains("Experiencias parecidas");
    let linked = page.body.split("id=\"linked-title\"").nth(1).unwrap();
    assert!(
        linked.contains("Gestión mancomunada de residuos sólidos"),
        "{linked}"
    );
    assert!(linked.contains("Puede aprender de") || linked.contains("Puede compartir con"));
    assert!(
        !linked.contains(&format!("/experiencias/{id}-")),
        "a sheet never links to itself"
    );
}

async fn page_views_are_counted_without_personal_data(app: TestApp) {
    let ids = demo_ids(&app).await;
    let id = ids["mx-01-ecoturismo-bienes-comunales-capulalpam"];
    for _ in 0..3 {
        app.client().get(&format!("/experiencias/{id}")).await;
    }
    // one reader reloading, going back and forth, counts once a day (fifth trial: ten
    // reloads were ten views, and pushed the sheet down "por descubrir")
    let reader = app.client();
    for _ in 0..10 {
        reader.get(&format!("/experiencias/{id}")).await;
    }
    let (views,): (i64,) =
        sqlx::query_as("SELECT views FROM experience_views WHERE experience_id = $1")
            .bind(id)
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(views, 4);
    let (buckets,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM rate_limits WHERE bucket LIKE 'view:%'")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
    assert_eq!(
        buckets, 4,
        "one entry per reader, named by a digest, not an address"
    );
    let columns: Vec<(String, String)> = app
        .db()
        .schema_columns()
        .await
        .unwrap()
        .into_iter()
        .filter(|(t, _)| t == "experience_views")
        .collect();
    assert_eq!(columns.len(), 2, "only the sheet and a number: {columns:?}");
}

on_both_backends!(two_instances_on_one_database_agree_within_seconds);

async fn two_instances_on_one_database_agree_within_seconds(a: TestApp) {
    let b = a.second_instance().await;
    a.register_confirmed("Rosa Mamani").await;
    let id = a.create_sheet("Ferias de trueque en Tarabuco").await;
    a.post(
        &format!("/experiencias/{id}/estado"),
        &[("accion", "publicar")],
    )
    .await;
    // no explicit sync: instance B follows the change log on its own
    let started = std::time::Instant::now();
    loop {
        let page = b.client().get("/experiencias?q=trueque").await;
        if page.body.contains("Ferias de trueque en Tarabuco") {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "instance B did not see the sheet in 5 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    eprintln!(
        "instance B found the new sheet after {:?}",
        started.elapsed()
    );
    // sessions live in the database: a person signed in through A is signed in on B
    let mut through_b = b.client();
    through_b.lang_header = None;
    through_b.set_cookie("ayni_session", &a.cookie("ayni_session").unwrap());
    through_b
        .get("/cuenta")
        .await
        .assert_contains("Rosa Mamani");
}
