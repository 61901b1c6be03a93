//! CSV and TSV tables as the services write them: columns found by name (any case, any order), every record with
//! the line it starts on, quoted fields with commas, quotes and line breaks (CSV; TSV fields are never quoted, as
//! in the IMDb datasets). Memory stays bounded by the file's size whatever its shape: each row is copied out at its
//! own size, and a row of absurd width is refused with its line.

use super::input::SourceFile;
use super::{At, Parsed};

/// The most fields a row may have: exports have a few dozen columns at most.
pub const MAX_FIELDS: usize = 512;
/// The longest row kept, in bytes (a review with line breaks fits many times over).
pub const MAX_ROW_BYTES: usize = 4 << 20;

/// The rows of a CSV or TSV file.
pub struct Rows {
    /// Every row that is not blank, with the line it starts on.
    pub records: Vec<(u64, csv::StringRecord)>,
    /// Rows not kept, with their line and why.
    pub refused: Vec<(u64, String)>,
}

/// Counts lines as people do, from 1, after each `\n`, `\r\n` or lone `\r`, up to increasing byte offsets.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn at(&mut self, byte: u64) -> u64 {
        let end = usize::try_from(byte).unwrap_or(usize::MAX).min(self.bytes.len());
        while self.pos < end {
            match self.bytes[self.pos] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(self.pos + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.line
    }
}

/// Reads every row of `text` (already decoded) split at `delimiter`. A tab-separated file is read without quoting.
/// A file the reader cannot follow is an error naming the file and line.
pub fn read_rows(file: &SourceFile, text: &str, delimiter: u8) -> Result<Rows, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .from_reader(text.as_bytes());
    let mut lines = LineCounter { bytes: text.as_bytes(), pos: 0, line: 1 };
    let mut rows = Rows { records: Vec::new(), refused: Vec::new() };
    // One record is read into again and again; what is kept is copied out at its own size, so a single wide row
    // never makes every later row as large.
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| lines.at(p.byte())).unwrap_or(0);
                return Err(format!("{}, line {line}: not readable as CSV: {e}", file.name));
            }
        }
        // The reader places a record where the one before it ended: its own first byte is past the line ends.
        let mut start = record.position().map(|p| p.byte()).unwrap_or(0);
        while matches!(text.as_bytes().get(usize::try_from(start).unwrap_or(usize::MAX)), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let line = lines.at(start);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() > MAX_FIELDS {
            let why = format!("the row has {} fields, more than any export has ({MAX_FIELDS} at most)", record.len());
            rows.refused.push((line, why));
            continue;
        }
        if record.as_slice().len() > MAX_ROW_BYTES {
            let why =
                format!("the row is {} MiB long, more than {} MiB", record.as_slice().len() >> 20, MAX_ROW_BYTES >> 20);
            rows.refused.push((line, why));
            continue;
        }
        rows.records.push((line, record.iter().collect()));
    }
    Ok(rows)
}

/// A CSV file read into a header and its records.
pub struct Table {
    pub file: String,
    headers: Vec<String>,
    pub records: Vec<(u64, csv::StringRecord)>,
    /// Rows refused for their width, with their line and why.
    pub refused: Vec<(u64, String)>,
}

/// Reads `text` (already decoded) as CSV with a header row. A malformed file, or a header of absurd width, is an
/// error naming file and line.
pub fn read_table(file: &SourceFile, text: &str) -> Result<Table, String> {
    let Rows { mut records, refused } = read_rows(file, text, b',')?;
    if let Some((line, why)) = refused.first() {
        if records.first().is_none_or(|(first, _)| first > line) {
            return Err(format!("{}, line {line}: not a header: {why}", file.name));
        }
    }
    let headers = if records.is_empty() {
        Vec::new()
    } else {
        records.remove(0).1.iter().map(|h| h.trim().to_lowercase()).collect()
    };
    Ok(Table { file: file.name.clone(), headers, records, refused })
}

impl Table {
    /// The index of the first column with one of these names (lower case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.headers.iter().position(|h| h == n))
    }

    /// The column, or an error naming the file and the column that is missing.
    pub fn require(&self, names: &[&str]) -> Result<usize, String> {
        self.column(names).ok_or_else(|| {
            format!("{}: the column '{}' is missing (its header is: {})", self.file, names[0], self.headers.join(", "))
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h == name)
    }

    /// Lists the rows refused for their width among the skipped rows.
    pub fn report_refused(&self, out: &mut Parsed) {
        for (line, why) in &self.refused {
            out.skipped.push((At { file: self.file.clone(), line: *line }, why.clone()));
        }
    }
}

/// A field, trimmed; empty when the row is short.
pub fn field(record: &csv::StringRecord, index: Option<usize>) -> &str {
    index.and_then(|i| record.get(i)).map(str::trim).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str, delimiter: u8) -> Vec<u64> {
        let file = SourceFile { name: "x".into(), bytes: Vec::new() };
        read_rows(&file, text, delimiter).unwrap().records.iter().map(|(l, _)| *l).collect()
    }

    #[test]
    fn every_row_starts_on_its_own_line_whatever_the_line_ends() {
        assert_eq!(lines_of("A,B\nx,1\ny,2\n", b','), vec![1, 2, 3]);
        assert_eq!(lines_of("A,B\r\nx,1\r\ny,2", b','), vec![1, 2, 3]);
        assert_eq!(lines_of("A,B\rx,1\ry,2\r", b','), vec![1, 2, 3], "CR-only line ends");
        assert_eq!(lines_of("A,B\n\"two\nlines\",1\nz,2\n", b','), vec![1, 2, 4], "after a multi-line field");
        assert_eq!(lines_of("A,B\n\nx,1\n", b','), vec![1, 3], "a blank line counts");
        assert_eq!(lines_of("A\tB\nx\t1\n", b'\t'), vec![1, 2]);
    }

    #[test]
    fn a_quote_in_a_tsv_is_a_character() {
        let file = SourceFile { name: "x.tsv".into(), bytes: Vec::new() };
        let rows = read_rows(&file, "Title\tYear\n\"Quoted start\t2001\nNext\t2002\nLast\t2003\n", b'\t').unwrap();
        let titles: Vec<&str> = rows.records.iter().map(|(_, r)| r.get(0).unwrap()).collect();
        assert_eq!(titles, vec!["Title", "\"Quoted start", "Next", "Last"], "no row is swallowed by a quote");
    }

    #[test]
    fn a_row_of_absurd_width_is_refused_with_its_line_and_the_rest_are_read() {
        let file = SourceFile { name: "x.csv".into(), bytes: Vec::new() };
        let wide = "a,".repeat(100_000);
        let text = format!("A,B\nx,1\n{wide}\ny,2\n");
        let rows = read_rows(&file, &text, b',').unwrap();
        assert_eq!(rows.records.len(), 3);
        assert_eq!(rows.refused.len(), 1);
        assert_eq!(rows.refused[0].0, 3);
        assert!(rows.refused[0].1.contains("100001 fields"), "{}", rows.refused[0].1);
        // Rows after it are kept at their own size.
        assert!(rows.records.iter().all(|(_, r)| r.len() == 2));
    }

    #[test]
    fn records_carry_the_line_they_start_on() {
        let file = SourceFile { name: "x.csv".into(), bytes: Vec::new() };
        let t = read_table(&file, "A,B\r\nx,1\r\n\"multi\nline\",2\r\nz,3").unwrap();
        let lines: Vec<u64> = t.records.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3, 5], "the first data row is line 2, after the header");
    }
}
