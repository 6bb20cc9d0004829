//! A flowing layout for the report's PDF: headings, paragraphs and tables placed down the page,
//! breaking to a new page where they do not fit, while recording the document's structure
//! (which text is a heading, a paragraph, a table cell) for the tagged PDF. Rules, fills, the
//! page numbers and a table's header repeated on a new page are decoration (artifacts).

use crate::report::pdf::draw::{PageDrawing, Rgb, Stroke};
use crate::report::pdf::page::PageSetup;
use crate::report::pdf::text::{LINE_GAP, text_width, wrap};

pub const TEXT: Rgb = Rgb(20, 20, 20);
pub const MUTED: Rgb = Rgb(80, 80, 80);
const RULE: Rgb = Rgb(140, 140, 140);
const BAND: Rgb = Rgb(226, 234, 245);
const ACCENT: Rgb = Rgb(31, 95, 168);
const BODY: f32 = 9.0;
const CELL: f32 = 8.0;
const PAD: f32 = 3.0;
/// Room kept at the foot of each page for the page number.
const FOOT: f32 = 20.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    H(u16),
    P,
    Table,
    Tr,
    ThCol,
    ThRow,
    Td,
    Caption,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Group(Role, Vec<Node>),
    /// A run of text drawn on a page: the index of its shape in `Flow::leaves`.
    Leaf(usize),
}

/// A heading's place, for the PDF's outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub level: u16,
    pub text: String,
    pub page: usize,
    pub y: f32,
}

pub struct Flow {
    pub setup: PageSetup,
    pub pages: Vec<PageDrawing>,
    /// Per page, per shape: the leaf it belongs to, or None for decoration.
    pub leaf_of: Vec<Vec<Option<usize>>>,
    pub tree: Vec<Node>,
    pub bookmarks: Vec<Bookmark>,
    leaves: usize,
    y: f32,
}

/// A table's columns: title and share of the width.
pub struct Columns<'a> {
    pub titles: Vec<String>,
    pub weights: &'a [f32],
}

impl Flow {
    pub fn new(setup: PageSetup) -> Self {
        let mut f = Flow {
            setup,
            pages: Vec::new(),
            leaf_of: Vec::new(),
            tree: Vec::new(),
            bookmarks: Vec::new(),
            leaves: 0,
            y: 0.0,
        };
        f.new_page();
        f
    }

    pub fn new_page(&mut self) {
        self.pages.push(PageDrawing::new(self.setup.width, self.setup.height));
        self.leaf_of.push(Vec::new());
        self.y = self.setup.top();
    }

    fn bottom(&self) -> f32 {
        self.setup.bottom() - FOOT
    }

    fn page(&mut self) -> &mut PageDrawing {
        self.pages.last_mut().expect("a page is always open")
    }

    /// Makes room for `h`, starting a new page unless the current one is still empty.
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > self.setup.top() {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, size: f32, color: Rgb, text: &str, tagged: bool) -> Option<usize> {
        if text.trim().is_empty() {
            return None;
        }
        let leaf = tagged.then(|| {
            self.leaves += 1;
            self.leaves - 1
        });
        self.page().text(x, top, size, color, text);
        self.leaf_of.last_mut().expect("page open").push(leaf);
        leaf
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Stroke>) {
        let before = self.page().shapes.len();
        self.page().rect(x, y, w, h, fill, stroke);
        let added = self.page().shapes.len() - before;
        self.leaf_of.last_mut().expect("page open").extend(std::iter::repeat_n(None, added));
    }

    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, stroke: Stroke) {
        self.page().line(x0, y0, x1, y1, stroke);
        self.leaf_of.last_mut().expect("page open").push(None);
    }

    pub fn heading(&mut self, level: u16, text: &str) {
        let size = match level {
            1 => 18.0,
            2 => 13.0,
            _ => 11.0,
        };
        let width = self.setup.content_width();
        let lines = wrap(text, width - 8.0, size);
        let h = lines.len() as f32 * size * LINE_GAP + 10.0;
        // A heading is never left alone at the foot of a page.
        self.ensure(h + 60.0);
        self.y += 4.0;
        self.bookmarks.push(Bookmark { level, text: text.to_string(), page: self.pages.len() - 1, y: self.y });
        let left = self.setup.left();
        if level == 2 {
            self.rect(left, self.y, 4.0, lines.len() as f32 * size * LINE_GAP, Some(ACCENT), None);
        }
        let x = if level == 2 { left + 8.0 } else { left };
        let mut leaves = Vec::new();
        for l in &lines {
            let y = self.y;
            leaves.extend(self.text(x, y, size, TEXT, l, true).map(Node::Leaf));
            self.y += size * LINE_GAP;
        }
        if level == 1 {
            let y = self.y + 2.0;
            self.line(left, y, self.setup.right(), y, Stroke::solid(ACCENT, 1.5));
        }
        self.y += 6.0;
        self.tree.push(Node::Group(Role::H(level), leaves));
    }

    /// A paragraph per line of `text`.
    pub fn paragraph(&mut self, text: &str, color: Rgb) {
        let width = self.setup.content_width();
        for para in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let mut leaves = Vec::new();
            for l in wrap(para, width, BODY) {
                self.ensure(BODY * LINE_GAP);
                let (x, y) = (self.setup.left(), self.y);
                leaves.extend(self.text(x, y, BODY, color, &l, true).map(Node::Leaf));
                self.y += BODY * LINE_GAP;
            }
            self.y += 3.0;
            self.tree.push(Node::Group(Role::P, leaves));
        }
        self.y += 3.0;
    }

    /// A table with a caption, a header row, and rows whose first cell heads the row.
    /// Cells wrap; a row never splits across pages (a row taller than a page is cut with 「…」).
    pub fn table(&mut self, caption: &str, columns: &Columns, rows: &[Vec<String>]) {
        let left = self.setup.left();
        let total: f32 = columns.weights.iter().sum();
        let widths: Vec<f32> = columns.weights.iter().map(|w| w / total * self.setup.content_width()).collect();
        let head_lines: Vec<Vec<String>> =
            columns.titles.iter().zip(&widths).map(|(t, w)| wrap(t, w - 2.0 * PAD, CELL)).collect();
        let head_h = row_height(&head_lines);
        let first_row_h = rows.first().map(|r| row_height(&cell_lines(r, &widths))).unwrap_or(0.0);
        self.ensure(BODY * LINE_GAP + head_h + first_row_h + 4.0);
        let mut table = Vec::new();
        let cap_y = self.y;
        let cap = self.text(left, cap_y, BODY, TEXT, caption, true);
        table.push(Node::Group(Role::Caption, cap.map(Node::Leaf).into_iter().collect()));
        self.y += BODY * LINE_GAP + 2.0;
        let head = self.row(&head_lines, &widths, Some(BAND), true);
        table.push(Node::Group(Role::Tr, head.into_iter().map(|c| Node::Group(Role::ThCol, c)).collect()));
        for r in rows {
            let mut lines = cell_lines(r, &widths);
            let room = self.bottom() - self.setup.top() - head_h;
            clip_to(&mut lines, room);
            if self.y + row_height(&lines) > self.bottom() {
                self.new_page();
                // The header again, as decoration: it was read once already.
                self.row(&head_lines, &widths, Some(BAND), false);
            }
            let cells = self.row(&lines, &widths, None, true);
            let nodes = cells
                .into_iter()
                .enumerate()
                .map(|(i, c)| Node::Group(if i == 0 { Role::ThRow } else { Role::Td }, c))
                .collect();
            table.push(Node::Group(Role::Tr, nodes));
        }
        self.y += 8.0;
        self.tree.push(Node::Group(Role::Table, table));
    }

    /// One row of cells at the cursor; returns each cell's leaves (empty when not tagged).
    fn row(&mut self, lines: &[Vec<String>], widths: &[f32], fill: Option<Rgb>, tagged: bool) -> Vec<Vec<Node>> {
        let h = row_height(lines);
        let mut x = self.setup.left();
        let y = self.y;
        let mut cells = Vec::new();
        for (cell, w) in lines.iter().zip(widths) {
            self.rect(x, y, *w, h, fill, Some(Stroke::solid(RULE, 0.5)));
            let mut leaves = Vec::new();
            for (i, l) in cell.iter().enumerate() {
                let top = y + PAD + i as f32 * CELL * LINE_GAP;
                leaves.extend(self.text(x + PAD, top, CELL, TEXT, l, tagged).map(Node::Leaf));
            }
            cells.push(leaves);
            x += w;
        }
        self.y += h;
        cells
    }

    /// Page numbers 「n / N」 at the foot of every page, as decoration.
    pub fn number_pages(&mut self) {
        let count = self.pages.len();
        for i in 0..count {
            let text = format!("{} / {}", i + 1, count);
            let x = self.setup.width / 2.0 - text_width(&text, BODY) / 2.0;
            let top = self.setup.bottom() - BODY;
            self.pages[i].text(x, top, BODY, MUTED, text);
            self.leaf_of[i].push(None);
        }
    }

    pub fn leaf_count(&self) -> usize {
        self.leaves
    }
}

fn cell_lines(row: &[String], widths: &[f32]) -> Vec<Vec<String>> {
    row.iter()
        .zip(widths)
        .map(|(t, w)| {
            let t = if t.trim().is_empty() { "—" } else { t.as_str() };
            t.lines().flat_map(|l| wrap(l, w - 2.0 * PAD, CELL)).collect()
        })
        .collect()
}

fn row_height(lines: &[Vec<String>]) -> f32 {
    let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    n as f32 * CELL * LINE_GAP + 2.0 * PAD
}

/// Cuts cells to the lines a page can hold, marking the cut.
fn clip_to(lines: &mut [Vec<String>], room: f32) {
    let max = (((room - 2.0 * PAD) / (CELL * LINE_GAP)).floor() as usize).max(1);
    for cell in lines.iter_mut() {
        if cell.len() > max {
            cell.truncate(max);
            if let Some(last) = cell.last_mut() {
                last.pop();
                last.push('…');
            }
        }
    }
}
