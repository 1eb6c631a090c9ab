//! Order statistics over samples: median, p10 and p90.

/// The spread of a set of samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// How many samples.
    pub n: usize,
    /// 10th percentile.
    pub p10: f64,
    /// 50th percentile.
    pub median: f64,
    /// 90th percentile.
    pub p90: f64,
}

impl Summary {
    /// Summarises `samples` (NaNs are dropped); `None` when nothing is left.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|x| !x.is_nan()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        Some(Summary {
            n: sorted.len(),
            p10: percentile(&sorted, 0.10),
            median: percentile(&sorted, 0.50),
            p90: percentile(&sorted, 0.90),
        })
    }

    /// As JSON: `{"n", "p10", "median", "p90"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "n": self.n,
            "p10": self.p10,
            "median": self.median,
            "p90": self.p90,
        })
    }
}

/// The `q` quantile (0..=1) of sorted samples, interpolating linearly between ranks.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let last = sorted.len().saturating_sub(1);
    // Sample counts here are far below 2^52: the conversions are exact.
    #[allow(clippy::cast_precision_loss)]
    let rank = q.clamp(0.0, 1.0) * last as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let low = rank.floor() as usize;
    let high = (low + 1).min(last);
    #[allow(clippy::cast_precision_loss)]
    let frac = rank - low as f64;
    sorted[low] + (sorted[high] - sorted[low]) * frac
}

/// Least-squares fit `y = intercept + slope * x`, with R².
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// `y` at `x = 0`.
    pub intercept: f64,
    /// `dy/dx`.
    pub slope: f64,
    /// Share of the variance of `y` the line explains.
    pub r_squared: f64,
}

impl Fit {
    /// Fits `points`; `None` with fewer than two distinct `x`.
    pub fn of(points: &[(f64, f64)]) -> Option<Fit> {
        #[allow(clippy::cast_precision_loss)]
        let n = points.len() as f64;
        let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
        let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
        let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
        let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
        let syy: f64 = points.iter().map(|p| (p.1 - mean_y).powi(2)).sum();
        if sxx <= 0.0 || !sxx.is_finite() {
            return None;
        }
        let slope = sxy / sxx;
        let r_squared = if syy > 0.0 {
            (sxy * sxy) / (sxx * syy)
        } else {
            1.0
        };
        Some(Fit {
            intercept: mean_y - slope * mean_x,
            slope,
            r_squared,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate() {
        let s = Summary::of(&[5.0, 1.0, 3.0, 2.0, 4.0]);
        assert_eq!(
            s,
            Some(Summary {
                n: 5,
                p10: 1.4,
                median: 3.0,
                p90: 4.6
            })
        );
        assert_eq!(Summary::of(&[]), None);
        assert_eq!(Summary::of(&[7.0]).map(|s| s.p90), Some(7.0));
    }

    #[test]
    fn fits_a_line() {
        let fit = Fit::of(&[(1.0, 3.0), (2.0, 5.0), (3.0, 7.0)]);
        assert!(fit.is_some_and(|f| (f.slope - 2.0).abs() < 1e-12
            && (f.intercept - 1.0).abs() < 1e-12
            && (f.r_squared - 1.0).abs() < 1e-12));
        assert_eq!(Fit::of(&[(1.0, 1.0), (1.0, 2.0)]), None);
    }
}
