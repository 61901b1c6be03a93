//! CSV tables as the services write them: columns found by name (any case, any order), every record with the
//! line it starts on, quoted fields with commas, quotes and line breaks.

use super::input::SourceFile;

/// A CSV file read into a header and its records.
pub struct Table {
    pub file: String,
    headers: Vec<String>,
    pub records: Vec<(u64, csv::StringRecord)>,
}

/// Reads `text` (already decoded) as CSV with a header row. A malformed file is an error naming file and line.
pub fn read_table(file: &SourceFile, text: &str) -> Result<Table, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut headers: Option<Vec<String>> = None;
    for result in reader.records() {
        let record = result.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            format!("{}, line {line}: not readable as CSV: {e}", file.name)
        })?;
        // The reader counts lines from 0 here; people count from 1.
        let line = record.position().map(|p| p.line() + 1).unwrap_or(0);
        if headers.is_none() {
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            headers = Some(record.iter().map(|h| h.trim().to_lowercase()).collect());
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        records.push((line, record));
    }
    Ok(Table { file: file.name.clone(), headers: headers.unwrap_or_default(), records })
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
}

/// A field, trimmed; empty when the row is short.
pub fn field(record: &csv::StringRecord, index: Option<usize>) -> &str {
    index.and_then(|i| record.get(i)).map(str::trim).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_carry_the_line_they_start_on() {
        let file = SourceFile { name: "x.csv".into(), bytes: Vec::new() };
        let t = read_table(&file, "A,B\r\nx,1\r\n\"multi\nline\",2\r\nz,3").unwrap();
        let lines: Vec<u64> = t.records.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![2, 3, 5], "the first data row is line 2, after the header");
    }
}
