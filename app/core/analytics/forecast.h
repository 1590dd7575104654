// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace capaudit::analytics {

// Demand forecasting on a regularly spaced series (docs/analytics.md, "Capacity planning"). Pure math: no I/O, no
// clock, no randomness, so the same input gives the same doubles on every run.

// A regularly spaced series: values[i] is the value of the step starting at start + i * stepSeconds. NaN = missing.
struct RegularSeries {
    qint64 start = 0; // Unix seconds
    qint64 stepSeconds = 3600;
    QList<double> values;

    qint64 timeAt(qsizetype index) const
    {
        return start + qint64(index) * stepSeconds;
    }
    qint64 end() const // exclusive
    {
        return timeAt(values.size());
    }
};

// Fills missing values: linear interpolation between the nearest known neighbours, the nearest known value before
// the first / after the last known one. Returns how many were filled through FILLED. All missing: values unchanged.
RegularSeries fillMissing(const RegularSeries& series, int* filled = nullptr);

enum class ForecastModelKind { Linear, HoltWintersDaily, HoltWintersWeekly };
QString forecastModelName(ForecastModelKind kind); // "linear", "holt-winters-daily", "holt-winters-weekly"

// One fitted model. Holt-Winters is the additive error-correction form (docs/analytics.md):
//   e_t = y_t - (l_{t-1} + b_{t-1} + s_{t-m}),  l_t = l_{t-1} + b_{t-1} + alpha e_t,
//   b_t = b_{t-1} + beta e_t,  s_t = s_{t-m} + gamma e_t.
struct ModelFit {
    ForecastModelKind kind = ForecastModelKind::Linear;
    bool valid = false; // false: not enough history (see note)
    QString note; // why a candidate was not fitted, or "" when it was
    int seasonPeriod = 0; // steps per season; 0 for the linear model
    int observations = 0; // points the parameters were fitted on
    // Linear: value(i) = intercept + slope * i, i = step index from the series start.
    double intercept = 0;
    double slope = 0; // per step; Holt-Winters: the final trend b_n
    double sxx = 0; // sum of (i - mean i)^2 over the fitted steps, for the prediction interval
    // Holt-Winters smoothing parameters and final state.
    double alpha = 0, beta = 0, gamma = 0;
    double level = 0; // l_n (after the last observation)
    QList<double> seasonal; // seasonPeriod values; seasonal[k] applies to step indices i with i % seasonPeriod == k
    // Fit quality.
    double sse = 0; // in-sample one-step squared error sum (linear: residuals of the line)
    double sigma = 0; // residual standard deviation (one step ahead)
    // Holdout evaluation (fitted on the first part, forecasting the held-out last part).
    int holdoutPoints = 0;
    double holdoutRmse = 0;
    double holdoutMape = 0; // percent, over held-out points whose actual value is not 0; NaN if none

    double slopePerDay(qint64 stepSeconds) const
    {
        return slope * 86400.0 / double(stepSeconds);
    }
    // Half the peak-to-peak range of the seasonal component (0 without one).
    double seasonalAmplitude() const;
    QJsonObject toJson(qint64 stepSeconds) const;
};

// Fits the OLS line to VALUES (no missing values).
ModelFit fitLinear(const QList<double>& values);
// Fits additive Holt-Winters with PERIOD steps per season by minimising one-step SSE (coarse grid, then Nelder-Mead;
// deterministic). Needs at least 2 full seasons; otherwise the result is not valid.
ModelFit fitHoltWinters(const QList<double>& values, int period, ForecastModelKind kind);
// Point forecasts for the HORIZON steps after the fitted data.
QList<double> predictMean(const ModelFit& fit, int horizon);
// Forecast standard deviation h steps ahead (h >= 1), see docs/analytics.md. With L = 1/n + (n - 1 + h - mean i)^2 /
// Sxx (the uncertainty of the fitted level and trend, as for a regression line):
//   linear:        sigma * sqrt(1 + L)
//   Holt-Winters:  sigma * sqrt(1 + L + sum_{j=1}^{h-1} (alpha + beta j + gamma [j mod m == 0])^2)
double forecastSigma(const ModelFit& fit, int h);

struct ForecastPoint {
    qint64 time = 0;
    double mean = 0;
    double lower80 = 0, upper80 = 0;
    double lower95 = 0, upper95 = 0;
};

struct ForecastOptions {
    int horizonSteps = 90 * 24;
    double holdoutFraction = 0.2; // last part of the history held out to choose the model
    // A more complex candidate (daily, then weekly) replaces the current choice only when its holdout RMSE is lower
    // by this fraction, so noise does not pick a seasonal model for a plain trend.
    double parsimonyMargin = 0.05;
    bool allowSeasonal = true;
};

struct Forecast {
    RegularSeries history; // as given, missing values filled
    int filledPoints = 0;
    ModelFit chosen; // refitted on the whole history
    QList<ModelFit> candidates; // linear, daily, weekly (in that order), each refitted on the whole history with
                                // its holdout figures kept
    QList<ForecastPoint> points; // horizonSteps points from history.end()
    QString note; // "" or why no forecast was possible

    bool valid() const
    {
        return chosen.valid && !points.isEmpty();
    }
    QJsonObject toJson() const; // without the history values (the caller has them)
};

inline constexpr double kZ80 = 1.2815515655446004;
inline constexpr double kZ95 = 1.959963984540054;

// Chooses among the candidates by holdout RMSE, refits on all of SERIES and forecasts options.horizonSteps steps.
Forecast forecastSeries(const RegularSeries& series, const ForecastOptions& options = {});

} // namespace capaudit::analytics
