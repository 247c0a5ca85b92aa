//! SVG charts drawn with plotters: axes, ticks, labels and legends come
//! from the library; this module only says what to draw. Text is left to
//! the browser (plotters' SVG backend writes `<text>`), so no font is read
//! and the same figures give the same bytes.

use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;

/// Chart size in SVG units (the page scales it to the screen width).
const SIZE: (u32, u32) = (860, 360);

/// Colour-blind-safe colours (Okabe-Ito), one per series in turn.
const COLOURS: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// One named series of values, one per label.
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// Titles of a chart.
pub struct Axes<'a> {
    pub title: &'a str,
    pub x: &'a str,
    pub y: &'a str,
}

fn colour(k: usize) -> RGBColor {
    COLOURS[k % COLOURS.len()]
}

fn finish(svg: &str) -> String {
    // scale to the page: the viewBox keeps the proportions
    svg.replacen(
        &format!("width=\"{}\" height=\"{}\"", SIZE.0, SIZE.1),
        "width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\"",
        1,
    )
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Bars, one per label, stacked by series, with a legend.
pub fn stacked_bars(axes: &Axes<'_>, labels: &[String], series: &[Series]) -> String {
    let mut svg = String::new();
    let drawn: DrawResult = (|| {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let top = (0..labels.len())
            .map(|i| series.iter().map(|s| s.values[i]).sum::<f64>())
            .fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(&root)
            .caption(axes.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(
                (0..labels.len().saturating_sub(1)).into_segmented(),
                0f64..(top * 1.08).max(1.0),
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(axes.x)
            .y_desc(axes.y)
            .x_labels(if labels.len() > 14 { 12 } else { labels.len() })
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| thousands(*v))
            .draw()?;
        let mut base = vec![0.0; labels.len()];
        for (k, s) in series.iter().enumerate() {
            let c = colour(k);
            let bars: Vec<_> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let low = base[i];
                    base[i] += v;
                    let mut r = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), low),
                            (SegmentValue::Exact(i + 1), base[i]),
                        ],
                        c.filled(),
                    );
                    r.set_margin(0, 0, 3, 3);
                    r
                })
                .collect();
            chart
                .draw_series(bars)?
                .label(s.name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], c.filled()));
        }
        if series.len() > 1 || !series.iter().all(|s| s.name.is_empty()) {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.4))
                .draw()?;
        }
        root.present()?;
        Ok(())
    })();
    drawn.expect("drawing into a String cannot fail");
    finish(&svg)
}

/// Lines over labelled points (months), one per series, with a legend.
pub fn lines(axes: &Axes<'_>, labels: &[String], series: &[Series], max: Option<f64>) -> String {
    let mut svg = String::new();
    let drawn: DrawResult = (|| {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let top = max.unwrap_or_else(|| {
            series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .fold(0.0, f64::max)
                * 1.08
        });
        let mut chart = ChartBuilder::on(&root)
            .caption(axes.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(
                (0..labels.len().saturating_sub(1)).into_segmented(),
                0f64..top.max(1.0),
            )?;
        chart
            .configure_mesh()
            .x_desc(axes.x)
            .y_desc(axes.y)
            .x_labels(labels.len().min(12))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|v| thousands(*v))
            .draw()?;
        for (k, s) in series.iter().enumerate() {
            let c = colour(k);
            chart
                .draw_series(LineSeries::new(
                    s.values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (SegmentValue::CenterOf(i), *v)),
                    c.stroke_width(3),
                ))?
                .label(s.name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 14, y)], c.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()?;
        root.present()?;
        Ok(())
    })();
    drawn.expect("drawing into a String cannot fail");
    finish(&svg)
}

/// Two bars per label side by side (a median and a 90th percentile),
/// drawn as series of a segmented axis with half-width bars.
pub fn paired_bars(axes: &Axes<'_>, labels: &[String], pair: [&Series; 2]) -> String {
    let mut svg = String::new();
    let drawn: DrawResult = (|| {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let top = pair
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0, f64::max);
        // each label takes two segments: one per bar
        let mut chart = ChartBuilder::on(&root)
            .caption(axes.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(
                (0..(labels.len() * 2).saturating_sub(1)).into_segmented(),
                0f64..(top * 1.08).max(1.0),
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(axes.x)
            .y_desc(axes.y)
            .x_labels(labels.len() * 2)
            .x_label_formatter(&|v| match v {
                // under the first bar of each pair
                SegmentValue::CenterOf(i) if i % 2 == 0 => {
                    labels.get(i / 2).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .y_label_formatter(&|v| thousands(*v))
            .draw()?;
        for (k, s) in pair.iter().enumerate() {
            let c = colour(k);
            let bars: Vec<_> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let slot = i * 2 + k;
                    let mut r = Rectangle::new(
                        [
                            (SegmentValue::Exact(slot), 0.0),
                            (SegmentValue::Exact(slot + 1), *v),
                        ],
                        c.filled(),
                    );
                    let (left, right) = if k == 0 { (6, 0) } else { (0, 6) };
                    r.set_margin(0, 0, left, right);
                    r
                })
                .collect();
            chart
                .draw_series(bars)?
                .label(s.name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], c.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()?;
        root.present()?;
        Ok(())
    })();
    drawn.expect("drawing into a String cannot fail");
    finish(&svg)
}

/// An axis number with thousands separators, and at most one decimal.
pub fn thousands(v: f64) -> String {
    let whole = v.trunc() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let frac = (v.fract().abs() * 10.0).round() as i64;
    let sign = if v < 0.0 && (whole != 0 || frac != 0) {
        "-"
    } else {
        ""
    };
    if frac == 0 || frac == 10 {
        format!("{sign}{out}")
    } else {
        format!("{sign}{out}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_numbers_read_as_numbers() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
        assert_eq!(thousands(12.5), "12.5");
        assert_eq!(thousands(-1500.0), "-1,500");
    }

    #[test]
    fn charts_are_scalable_svg_with_their_titles_and_legends() {
        let labels = vec!["DE".to_owned(), "FR".to_owned()];
        let series = [
            Series {
                name: "assigned".into(),
                values: vec![3.0, 1.0],
            },
            Series {
                name: "in_stock".into(),
                values: vec![1.0, 0.0],
            },
        ];
        let axes = Axes {
            title: "Assets by country",
            x: "country",
            y: "assets",
        };
        let svg = stacked_bars(&axes, &labels, &series);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("width=\"100%\""));
        for text in [
            "Assets by country",
            "country",
            "assets",
            "DE",
            "FR",
            "in_stock",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
        assert_eq!(svg, stacked_bars(&axes, &labels, &series), "deterministic");
        let l = lines(&axes, &labels, &series, Some(100.0));
        assert!(l.contains("<polyline"), "{l}");
        let p = paired_bars(&axes, &labels, [&series[0], &series[1]]);
        assert!(p.contains("<rect"));
    }
}
