//! The year in review as a PNG: the SVG page rasterised by resvg with the fonts installed on the machine.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::error::{CoreError, Result};

/// The system's fonts, read once per process (a few milliseconds; the files are mapped, not copied).
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.set_sans_serif_family("DejaVu Sans");
            db.set_serif_family("DejaVu Serif");
            Arc::new(db)
        })
        .clone()
}

/// An image: its PNG bytes and its size in pixels.
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Draws `svg` at `scale` pixels per unit (2 gives a sharp image on a phone or a high-density screen).
pub fn render(svg: &str, scale: f32) -> Result<Png> {
    let fonts = fonts();
    if fonts.is_empty() {
        return Err(CoreError::invalid(
            "png",
            "no fonts are installed, so the image would have no text: install some (on Debian, fonts-dejavu-core)",
        ));
    }
    let options = usvg::Options { fontdb: fonts, ..Default::default() };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| CoreError::invalid("png", format!("the page could not be drawn: {e}")))?;
    let size =
        tree.size().to_int_size().scale_by(scale).ok_or_else(|| CoreError::invalid("png", "the page has no size"))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        CoreError::invalid("png", format!("an image of {} × {} pixels is too large", size.width(), size.height()))
    })?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let bytes =
        pixmap.encode_png().map_err(|e| CoreError::invalid("png", format!("the image could not be encoded: {e}")))?;
    Ok(Png { bytes, width: size.width(), height: size.height() })
}

/// The width and height a PNG's header states.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let word = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((word(16), word(20)))
}
