//! Mogi's app icon, drawn once as a list of shapes and written both as SVG and as PNG at any
//! size: an answer sheet (マークシート) on the app's accent colour, one bubble filled in.
//!
//! The background fills the whole square and everything else stays inside the central
//! circle of 40% radius, so the same picture serves as a `maskable` icon (a launcher may crop
//! it to a circle or a rounded square) and as an ordinary one.

/// The accent colour of `style/main.css` (`--accent`, light scheme).
pub const ACCENT: Rgb = Rgb(0x0b, 0x57, 0xd0);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// `--line` in `style/main.css`.
const LINE: Rgb = Rgb(0xc9, 0xcc, 0xd1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A shape on a 100 × 100 canvas.
enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        radius: f64,
        fill: Rgb,
    },
    Disc {
        cx: f64,
        cy: f64,
        r: f64,
        fill: Rgb,
    },
    Ring {
        cx: f64,
        cy: f64,
        r: f64,
        width: f64,
        stroke: Rgb,
    },
    /// A line with round caps.
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        width: f64,
        stroke: Rgb,
    },
}

fn shapes() -> Vec<Shape> {
    let mut shapes = vec![
        Shape::Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 100.0,
            radius: 0.0,
            fill: ACCENT,
        },
        Shape::Rect {
            x: 28.0,
            y: 21.0,
            w: 44.0,
            h: 58.0,
            radius: 5.0,
            fill: WHITE,
        },
    ];
    for (row, y) in [35.0, 50.0, 65.0].into_iter().enumerate() {
        shapes.push(if row == 1 {
            Shape::Disc {
                cx: 38.5,
                cy: y,
                r: 4.5,
                fill: ACCENT,
            }
        } else {
            Shape::Ring {
                cx: 38.5,
                cy: y,
                r: 3.75,
                width: 1.5,
                stroke: ACCENT,
            }
        });
        shapes.push(Shape::Line {
            x1: 48.0,
            y1: y,
            x2: 63.0,
            y2: y,
            width: 3.5,
            stroke: LINE,
        });
    }
    shapes
}

impl Shape {
    /// Signed distance from `(x, y)` to the shape's edge, negative inside (canvas units).
    fn distance(&self, x: f64, y: f64) -> f64 {
        match *self {
            Self::Rect {
                x: left,
                y: top,
                w,
                h,
                radius,
                ..
            } => {
                let qx = (x - (left + w / 2.0)).abs() - (w / 2.0 - radius);
                let qy = (y - (top + h / 2.0)).abs() - (h / 2.0 - radius);
                qx.max(0.0).hypot(qy.max(0.0)) + qx.max(qy).min(0.0) - radius
            }
            Self::Disc { cx, cy, r, .. } => (x - cx).hypot(y - cy) - r,
            Self::Ring {
                cx, cy, r, width, ..
            } => ((x - cx).hypot(y - cy) - r).abs() - width / 2.0,
            Self::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => {
                let (dx, dy) = (x2 - x1, y2 - y1);
                let t = (((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
                (x - (x1 + t * dx)).hypot(y - (y1 + t * dy)) - width / 2.0
            }
        }
    }

    fn colour(&self) -> Rgb {
        match *self {
            Self::Rect { fill, .. } | Self::Disc { fill, .. } => fill,
            Self::Ring { stroke, .. } | Self::Line { stroke, .. } => stroke,
        }
    }

    fn svg(&self) -> String {
        match *self {
            Self::Rect {
                x,
                y,
                w,
                h,
                radius,
                fill,
            } => format!(
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{radius}" fill="{}"/>"#,
                fill.hex()
            ),
            Self::Disc { cx, cy, r, fill } => {
                format!(
                    r#"<circle cx="{cx}" cy="{cy}" r="{r}" fill="{}"/>"#,
                    fill.hex()
                )
            }
            Self::Ring {
                cx,
                cy,
                r,
                width,
                stroke,
            } => format!(
                r#"<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{}" stroke-width="{width}"/>"#,
                stroke.hex()
            ),
            Self::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                stroke,
            } => format!(
                r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{}" stroke-width="{width}" stroke-linecap="round"/>"#,
                stroke.hex()
            ),
        }
    }
}

/// The icon as an SVG document.
pub fn svg() -> String {
    let body: String = shapes().iter().map(Shape::svg).collect();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="512" height="512">{body}</svg>"#
    )
}

/// The icon as a `size`×`size` PNG, edges anti-aliased by the distance to each shape.
pub fn png(size: u32) -> Vec<u8> {
    let shapes = shapes();
    let scale = f64::from(size) / 100.0;
    let mut rgb = Vec::with_capacity(size as usize * size as usize * 3);
    for py in 0..size {
        for px in 0..size {
            let (x, y) = ((f64::from(px) + 0.5) / scale, (f64::from(py) + 0.5) / scale);
            let mut pixel = [0.0f64; 3];
            for shape in &shapes {
                // The share of this pixel the shape covers, from its distance in pixels.
                let cover = (0.5 - shape.distance(x, y) * scale).clamp(0.0, 1.0);
                let Rgb(r, g, b) = shape.colour();
                for (channel, value) in pixel.iter_mut().zip([r, g, b]) {
                    *channel += (f64::from(value) - *channel) * cover;
                }
            }
            rgb.extend(pixel.map(|c| c.round().clamp(0.0, 255.0) as u8));
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&rgb))
        .expect("a PNG encodes into memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_but_the_background_is_inside_the_maskable_safe_zone() {
        let shapes = shapes();
        for shape in &shapes[1..] {
            // Sample the canvas: no covered point may lie outside the circle of radius 40.
            for i in 0..=200 {
                for j in 0..=200 {
                    let (x, y) = (f64::from(i) / 2.0, f64::from(j) / 2.0);
                    if shape.distance(x, y) <= 0.0 {
                        assert!((x - 50.0).hypot(y - 50.0) <= 40.0, "({x}, {y}) is outside");
                    }
                }
            }
        }
    }

    #[test]
    fn png_corners_are_the_accent_and_the_sheet_is_white() {
        // Decode nothing: check the encoder's input by drawing a tiny icon's pixels directly.
        let shapes = shapes();
        let at = |x: f64, y: f64| {
            shapes
                .iter()
                .rev()
                .find(|s| s.distance(x, y) < 0.0)
                .map(Shape::colour)
        };
        assert_eq!(at(1.0, 1.0), Some(ACCENT));
        assert_eq!(at(66.0, 75.0), Some(WHITE));
        assert_eq!(at(38.5, 50.0), Some(ACCENT), "the filled bubble");
        assert!(svg().starts_with("<svg") && svg().contains(&ACCENT.hex()));
        let decoded = png::Decoder::new(std::io::Cursor::new(png(48)))
            .read_info()
            .expect("a valid PNG");
        assert_eq!((decoded.info().width, decoded.info().height), (48, 48));
    }
}
