//! The HTML report as a browser shows and prints it: rendered by headless Chromium with
//! no console message, a screenshot that is a white page with one colour per label, a
//! tagged Arabic name in its place in a right-to-left line, headings kept with what
//! follows them across page breaks, the claim text given the width, and a PDF printed.
//! Skipped when no Chromium is installed.

mod browser_support;

use std::fs;
use std::path::{Path, PathBuf};

use browser_support::{body_data, chromium, run, with_script};
use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Entity, Kind, Relation, Span};
use scholia::domain::schema::Schema;
use scholia::domain::store::Store;
use scholia::formats::export::{export, ExportFormat, ExportOptions};
use serde_json::Value;

/// An English line, an Arabic line with a tagged name in its middle, and a line citing a
/// publication.
const TEXT: &str = "Officials in Kabul confirmed the closure on Monday.\n\
قال وزير الخارجية أحمد سعيد للصحفيين إن الحدود مغلقة حتى الربيع.\n\
The ministry said that trade across the river had stopped entirely and that two \
hundred lorries were waiting at the bridge (Ariana News, 3 March).\n";

/// The tagged Arabic name, and the words before and after it in the line.
const NAME: &str = "أحمد سعيد";
const BEFORE: &str = "الخارجية";
const AFTER: &str = "للصحفيين";

fn span(needle: &str) -> Span {
    let start = TEXT
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    Span::new(start, start + needle.len())
}

fn annotation(doc: &Document, id: &str, kind: Kind, label: &str, text: &str) -> Annotation {
    let mut a = Annotation::new(id, kind, label, vec![span(text)]);
    a.quote = quote_for(doc, &a.spans);
    a
}

fn fixture() -> (Document, Store) {
    let doc = Document::from_text(Path::new("closure.txt"), TEXT.to_string());
    let mut person = annotation(&doc, "a2", Kind::Entity, "PERSON", NAME);
    person.entity = Some("e1".into());
    let mut speaker = annotation(&doc, "a3", Kind::Source, "person", NAME);
    speaker.entity = Some("e1".into());
    let mut closed = annotation(
        &doc,
        "a4",
        Kind::Claim,
        "factual",
        "الحدود مغلقة حتى الربيع",
    );
    closed.attrs.insert("stance".into(), "asserted".into());
    let mut trade = annotation(
        &doc,
        "a5",
        Kind::Claim,
        "factual",
        "trade across the river had stopped entirely and that two hundred lorries were waiting at the bridge",
    );
    trade.attrs.insert("stance".into(), "asserted".into());
    trade.attrs.insert("credibility".into(), "2".into());
    trade.attrs.insert("quote_type".into(), "indirect".into());
    trade.note = Some(
        "The lorry count comes from one driver quoted by the agency; no customs figure \
         confirms it, and the bridge was reported open again two days later."
            .into(),
    );
    let mut entity = Entity::new("e1", NAME, "PERSON");
    entity.attrs.insert("reliability".into(), "B".into());
    let store = Store::from_parts(
        vec![
            annotation(&doc, "a1", Kind::Entity, "GPE", "Kabul"),
            person,
            speaker,
            closed,
            trade,
            annotation(&doc, "a6", Kind::Entity, "ORG", "The ministry"),
            annotation(&doc, "a7", Kind::Source, "publication", "Ariana News"),
            annotation(&doc, "a8", Kind::Entity, "DATE", "3 March"),
        ],
        vec![entity],
        vec![
            Relation::new("r1", "attributed_to", "a4", "a3"),
            Relation::new("r2", "cites", "a5", "a7"),
            Relation::new("r3", "mentions", "a5", "a6"),
        ],
    );
    (doc, store)
}

/// The report's HTML on the fixture.
fn report_html() -> String {
    let (doc, store) = fixture();
    let exported = export(
        ExportFormat::ReportHtml,
        &doc,
        &store,
        &Schema::default(),
        &ExportOptions::default(),
    );
    exported.files[0].1.clone()
}

/// Chromium, or a line saying the test is skipped.
fn browser() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        eprintln!("skipped: no headless Chromium on PATH (chromium-headless-shell, chromium)");
    }
    found
}

fn write_page(dir: &Path, name: &str, html: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, html).unwrap();
    path
}

#[test]
fn renders_with_no_console_message_and_a_screenshot_with_a_colour_per_label() {
    let Some(chromium) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(dir.path(), "closure.report.html", &report_html());
    let shot = dir.path().join("shot.png");
    let rendered = run(
        &chromium,
        &page,
        1000,
        1400,
        &[&format!("--screenshot={}", shot.display())],
    );
    assert!(
        rendered.console().is_empty(),
        "console messages: {:?}",
        rendered.console()
    );

    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((frame.width, frame.height), (1000, 1400));
    let channels = frame.color_type.samples();
    let mut counts: std::collections::HashMap<[u8; 3], usize> = Default::default();
    for px in pixels[..frame.buffer_size()].chunks(channels) {
        *counts.entry([px[0], px[1], px[2]]).or_default() += 1;
    }
    let total = (frame.width * frame.height) as usize;
    let white = counts.get(&[255, 255, 255]).copied().unwrap_or(0);
    assert!(white * 2 > total, "a white page: {white} of {total} pixels");
    let dark: usize = counts
        .iter()
        .filter(|(c, _)| c.iter().all(|v| *v < 90))
        .map(|(_, n)| n)
        .sum();
    assert!(dark * 200 > total, "text is drawn: {dark} dark pixels");
    // Light, coloured backgrounds of marks: one per label colour in the fixture
    // (GPE, PERSON and the person source, factual, ORG, publication, DATE).
    let tints: Vec<([u8; 3], usize)> = counts
        .iter()
        .filter(|(c, n)| {
            let (lo, hi) = (*c.iter().min().unwrap(), *c.iter().max().unwrap());
            **n >= 300 && lo >= 150 && hi - lo >= 20
        })
        .map(|(c, n)| (*c, *n))
        .collect();
    assert!(
        tints.len() >= 6,
        "a background colour per label, found {}: {tints:?}",
        tints.len()
    );
}

/// Where the Arabic name, its tag and the words around it are drawn.
const GEOMETRY: &str = r#"
(function () {
  function centre(r) { return r ? { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 } : null; }
  function word(w) {
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    var n;
    while ((n = walker.nextNode())) {
      if (n.parentElement.closest('.article') === null) continue;
      var i = n.data.indexOf(w);
      if (i >= 0) {
        var r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + w.length);
        return centre(r.getBoundingClientRect());
      }
    }
    return null;
  }
  var mark = Array.from(document.querySelectorAll('.article mark'))
    .filter(function (m) { return m.textContent === NAME; })[0];
  var tag = Array.from(document.querySelectorAll('.article .tag'))
    .filter(function (t) { return t.textContent.indexOf('PERSON') >= 0; })[0];
  var out = {
    before: word(BEFORE),
    mark: mark ? centre(mark.getBoundingClientRect()) : null,
    tag: tag ? centre(tag.getBoundingClientRect()) : null,
    after: word(AFTER)
  };
  document.body.setAttribute('data-geometry', JSON.stringify(out));
})();
"#;

#[test]
fn a_tagged_arabic_name_stays_in_its_place_in_a_right_to_left_line() {
    let Some(chromium) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let script = GEOMETRY
        .replace("NAME", &format!("{NAME:?}"))
        .replace("BEFORE", &format!("{BEFORE:?}"))
        .replace("AFTER", &format!("{AFTER:?}"));
    let page = write_page(
        dir.path(),
        "arabic.html",
        &with_script(&report_html(), &script),
    );
    let rendered = run(&chromium, &page, 1200, 900, &["--dump-dom"]);
    let geometry: Value =
        serde_json::from_str(&body_data(&rendered.stdout, "geometry").expect("measured")).unwrap();
    let x = |what: &str| {
        geometry[what]["x"]
            .as_f64()
            .unwrap_or_else(|| panic!("{what} not found: {geometry}"))
    };
    let y = |what: &str| geometry[what]["y"].as_f64().unwrap();
    assert!(
        (y("before") - y("after")).abs() < 4.0 && (y("mark") - y("after")).abs() < 8.0,
        "one line: {geometry}"
    );
    // Right to left: the word before the name is to its right, the word after to its
    // left, and the name's tag between the name and the word after it.
    assert!(x("before") > x("mark"), "before | name: {geometry}");
    assert!(x("mark") > x("tag"), "name | tag: {geometry}");
    assert!(x("tag") > x("after"), "tag | after: {geometry}");
}

/// Lays the page out as pages of `PAGE` pixels (columns of a fixed height, broken as
/// print breaks pages), moves everything down by every offset from 0 to a page, and
/// records each offset at which a heading ends a page apart from what follows it or a
/// table row is cut in two; and how wide the claim text column is.
const PAGES: &str = r#"
(function () {
  var PAGE = 900, WIDTH = 640, GAP = 40;
  var pages = document.createElement('div');
  var spacer = document.createElement('div');
  pages.appendChild(spacer);
  while (document.body.firstChild) pages.appendChild(document.body.firstChild);
  document.body.appendChild(pages);
  document.body.style.margin = '0';
  document.body.style.maxWidth = 'none';
  pages.style.cssText = 'height:' + PAGE + 'px;width:' + WIDTH + 'px;column-width:' + WIDTH +
    'px;column-gap:' + GAP + 'px;column-fill:auto;';
  var left = pages.getBoundingClientRect().left;
  function page(x) { return Math.floor((x - left + 1) / (WIDTH + GAP)); }
  function firstBox(el) {
    if (el.tagName === 'TABLE') {
      var body = el.tBodies[0];
      return (body && body.rows.length ? body.rows[0] : el).getClientRects()[0];
    }
    return el.getClientRects()[0];
  }
  var stranded = [], cut = [];
  for (var offset = 0; offset <= PAGE; offset += 6) {
    spacer.style.height = offset + 'px';
    document.querySelectorAll('h1, h2').forEach(function (h) {
      var next = h.nextElementSibling;
      if (!next) return;
      if (page(h.getBoundingClientRect().left) !== page(firstBox(next).left)) {
        stranded.push(h.textContent + ' at ' + offset);
      }
    });
    document.querySelectorAll('tr').forEach(function (tr) {
      if (tr.getClientRects().length > 1) cut.push(tr.textContent.slice(0, 20) + ' at ' + offset);
    });
  }
  spacer.style.height = '0';
  var claims = Array.from(document.querySelectorAll('h2'))
    .filter(function (h) { return h.textContent === 'Claims'; })[0];
  var table = claims.nextElementSibling;
  var text = Array.from(table.querySelectorAll('th'))
    .filter(function (th) { return th.textContent === 'Text'; })[0];
  document.body.setAttribute('data-pages', JSON.stringify({
    stranded: stranded.slice(0, 5),
    cut: cut.slice(0, 5),
    text_share: text.getBoundingClientRect().width / table.getBoundingClientRect().width,
    headers: Array.from(table.querySelectorAll('th')).map(function (th) { return th.textContent; })
  }));
})();
"#;

#[test]
fn printed_pages_keep_headings_with_what_follows_and_give_the_claim_text_the_width() {
    let Some(chromium) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = write_page(
        dir.path(),
        "pages.html",
        &with_script(&report_html(), PAGES),
    );
    let rendered = run(&chromium, &page, 1200, 1000, &["--dump-dom"]);
    let pages: Value =
        serde_json::from_str(&body_data(&rendered.stdout, "pages").expect("measured")).unwrap();
    assert_eq!(pages["stranded"], serde_json::json!([]), "{pages}");
    assert_eq!(pages["cut"], serde_json::json!([]), "{pages}");
    let share = pages["text_share"].as_f64().unwrap();
    assert!(
        share >= 0.3,
        "the claim text column is {share} of the table: {pages}"
    );

    let pdf = dir.path().join("report.pdf");
    let plain = write_page(dir.path(), "report.html", &report_html());
    run(
        &chromium,
        &plain,
        1200,
        1000,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.matches("/Type /Page").count() >= 1, "with pages");
}
