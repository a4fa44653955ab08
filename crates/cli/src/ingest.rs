//! `yuedu ingest`: one scraped page (text or HTML) into article JSON, or a whole directory of
//! pages in parallel with a report of each page — never stopping at the first bad one.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use yuedu_ingest::{decode, ingest_page, IngestOptions};

/// The page files of a directory: `.txt`, `.html`, `.htm`, in name order (not recursive).
fn pages_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "html" | "htm"))
        })
        .collect();
    pages.sort();
    Ok(pages)
}

/// Reads and ingests one page; the article's JSON and id.
fn one(page: &Path, options: &IngestOptions) -> Result<(String, String), String> {
    let bytes = if page.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| format!("reading stdin: {e}"))?;
        buf
    } else {
        std::fs::read(page).map_err(|e| e.to_string())?
    };
    let text = decode(&bytes).map_err(|e| e.to_string())?;
    let mut options = options.clone();
    options.id = options.id.or_else(|| id_from_file_name(page));
    let article = ingest_page(&text, &options).map_err(|e| e.to_string())?;
    Ok((article.to_json_pretty(), article.id))
}

/// `yuedu ingest PAGE [-o OUT]` or `yuedu ingest DIR -o OUT_DIR`.
pub fn run(input: &Path, output: Option<&Path>, options: &IngestOptions) -> Result<(), String> {
    if !input.is_dir() {
        let (json, _) = one(input, options).map_err(|e| format!("{}: {e}", input.display()))?;
        return match output {
            Some(path) => std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display())),
            None => {
                print!("{json}");
                Ok(())
            }
        };
    }
    let out_dir = output.ok_or("a directory of pages needs -o OUT_DIR for the articles")?;
    if options.id.is_some() {
        return Err("--id names one article; a directory of pages takes each id from its file name or title and time".into());
    }
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let started = std::time::Instant::now();
    let pages = pages_in(input)?;
    let results: Vec<Result<(String, String), String>> = pages.par_iter().map(|page| one(page, options)).collect();
    // Written in name order, so two pages with one id are reported the same way every run.
    let mut written: std::collections::HashMap<String, &Path> = std::collections::HashMap::new();
    let mut failed = 0;
    for (page, result) in pages.iter().zip(results) {
        let name = page.display();
        let outcome = result.and_then(|(json, id)| {
            if let Some(first) = written.get(&id) {
                return Err(format!("id {id} was already written for {}", first.display()));
            }
            let path = out_dir.join(format!("{id}.json"));
            std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
            written.insert(id.clone(), page);
            Ok((id, path))
        });
        match outcome {
            Ok((id, path)) => println!("ok    {name} → {} (id {id})", path.display()),
            Err(why) => {
                failed += 1;
                println!("FAIL  {name}: {why}");
            }
        }
    }
    let summary =
        format!("ingested {} of {} pages into {} in {:.2?}", pages.len() - failed, pages.len(), out_dir.display(), started.elapsed());
    if failed > 0 {
        Err(format!("{summary}; {failed} failed (see above)"))
    } else {
        eprintln!("{summary}");
        Ok(())
    }
}

/// `000_c6c151299a20712a.txt` → `c6c151299a20712a`: scrapers name pages by a hash of their URL,
/// which makes a better id than one derived from the text.
pub fn id_from_file_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let (_, hex) = stem.split_once('_')?;
    (hex.len() >= 8 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| hex.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_ids_from_scraper_file_names_only() {
        assert_eq!(id_from_file_name("x/000_c6c151299a20712a.txt".as_ref()).as_deref(), Some("c6c151299a20712a"));
        assert_eq!(id_from_file_name("page.txt".as_ref()), None);
        assert_eq!(id_from_file_name("my_article.txt".as_ref()), None);
    }
}
