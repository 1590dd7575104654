// SPDX-License-Identifier: GPL-3.0-or-later
// Demand forecasting: OLS trend and additive Holt-Winters, chosen by holdout error (docs/analytics.md).
#include "analytics/forecast.h"

#include "util/timeutil.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace capaudit::analytics {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

double rmse(const QList<double>& predicted, const QList<double>& actual, qsizetype from)
{
    double sum = 0;
    for (qsizetype i = 0; i < predicted.size(); ++i) {
        const double e = actual[from + i] - predicted[i];
        sum += e * e;
    }
    return predicted.isEmpty() ? 0 : std::sqrt(sum / double(predicted.size()));
}

double mape(const QList<double>& predicted, const QList<double>& actual, qsizetype from)
{
    double sum = 0;
    int count = 0;
    for (qsizetype i = 0; i < predicted.size(); ++i) {
        const double y = actual[from + i];
        if (y == 0)
            continue;
        sum += std::abs((y - predicted[i]) / y);
        ++count;
    }
    return count == 0 ? std::numeric_limits<double>::quiet_NaN() : 100.0 * sum / count;
}

ModelFit fitKind(ForecastModelKind kind, const QList<double>& values, int period)
{
    return kind == ForecastModelKind::Linear ? fitLinear(values) : fitHoltWinters(values, period, kind);
}

} // namespace

RegularSeries fillMissing(const RegularSeries& series, int* filled)
{
    RegularSeries out = series;
    int count = 0;
    qsizetype previous = -1; // last known index
    for (qsizetype i = 0; i <= out.values.size(); ++i) {
        if (i < out.values.size() && std::isnan(out.values[i]))
            continue;
        // Fill (previous, i): interpolate between two known values, or extend the one that exists.
        for (qsizetype j = previous + 1; j < i; ++j) {
            if (previous < 0 && i == out.values.size())
                break; // nothing known at all
            double v;
            if (previous < 0)
                v = out.values[i];
            else if (i == out.values.size())
                v = out.values[previous];
            else
                v = out.values[previous]
                    + (out.values[i] - out.values[previous]) * double(j - previous) / double(i - previous);
            out.values[j] = v;
            ++count;
        }
        previous = i;
    }
    if (filled)
        *filled = count;
    return out;
}

QString forecastModelName(ForecastModelKind kind)
{
    switch (kind) {
    case ForecastModelKind::Linear:
        return QStringLiteral("linear");
    case ForecastModelKind::HoltWintersDaily:
        return QStringLiteral("holt-winters-daily");
    case ForecastModelKind::HoltWintersWeekly:
        return QStringLiteral("holt-winters-weekly");
    }
    return QStringLiteral("linear");
}

double ModelFit::seasonalAmplitude() const
{
    if (seasonal.isEmpty())
        return 0;
    const auto [lo, hi] = std::minmax_element(seasonal.cbegin(), seasonal.cend());
    return (*hi - *lo) / 2;
}

QJsonObject ModelFit::toJson(qint64 stepSeconds) const
{
    QJsonObject parameters { { QStringLiteral("slopePerStep"), number(slope) },
        { QStringLiteral("slopePerDay"), number(slopePerDay(stepSeconds)) } };
    if (kind == ForecastModelKind::Linear) {
        parameters.insert(QStringLiteral("intercept"), number(intercept));
    } else {
        parameters.insert(QStringLiteral("alpha"), number(alpha));
        parameters.insert(QStringLiteral("beta"), number(beta));
        parameters.insert(QStringLiteral("gamma"), number(gamma));
        parameters.insert(QStringLiteral("level"), number(level));
        parameters.insert(QStringLiteral("seasonalAmplitude"), number(seasonalAmplitude()));
    }
    QJsonObject json { { QStringLiteral("model"), forecastModelName(kind) }, { QStringLiteral("valid"), valid },
        { QStringLiteral("seasonPeriodSteps"), seasonPeriod }, { QStringLiteral("observations"), observations } };
    if (!note.isEmpty())
        json.insert(QStringLiteral("note"), note);
    if (valid) {
        json.insert(QStringLiteral("parameters"), parameters);
        json.insert(QStringLiteral("sigma"), number(sigma));
        json.insert(QStringLiteral("holdout"),
            QJsonObject { { QStringLiteral("points"), holdoutPoints }, { QStringLiteral("rmse"), number(holdoutRmse) },
                { QStringLiteral("mapePercent"), number(holdoutMape) } });
    }
    return json;
}

QList<double> predictMean(const ModelFit& fit, int horizon)
{
    QList<double> out;
    if (!fit.valid || horizon <= 0)
        return out;
    out.reserve(horizon);
    const qsizetype n = fit.observations;
    for (int h = 1; h <= horizon; ++h) {
        if (fit.kind == ForecastModelKind::Linear) {
            out.append(fit.intercept + fit.slope * double(n - 1 + h));
        } else {
            const qsizetype phase = (n - 1 + h) % fit.seasonPeriod;
            out.append(fit.level + double(h) * fit.slope + fit.seasonal[phase]);
        }
    }
    return out;
}

namespace {
// Uncertainty of the fitted level and trend at step n - 1 + h, as for a regression line: 1/n + (x - mean x)^2 / Sxx.
// Holt-Winters fitted by one-step SSE ignores it, and with small smoothing parameters its bands would not widen.
double parameterLeverage(const ModelFit& fit, int h)
{
    const double n = fit.observations;
    const double meanX = (n - 1) / 2;
    const double x = n - 1 + h;
    const double sxx = fit.sxx > 0 ? fit.sxx : n * (n * n - 1) / 12;
    return 1 / n + (sxx > 0 ? (x - meanX) * (x - meanX) / sxx : 0);
}
} // namespace

double forecastSigma(const ModelFit& fit, int h)
{
    if (!fit.valid || h < 1)
        return 0;
    double sum = 1 + parameterLeverage(fit, h);
    if (fit.kind != ForecastModelKind::Linear) {
        for (int j = 1; j < h; ++j) {
            const double c = fit.alpha + fit.beta * j + (j % fit.seasonPeriod == 0 ? fit.gamma : 0);
            sum += c * c;
        }
    }
    return fit.sigma * std::sqrt(sum);
}

Forecast forecastSeries(const RegularSeries& series, const ForecastOptions& options)
{
    Forecast out;
    out.history = fillMissing(series, &out.filledPoints);
    const QList<double>& y = out.history.values;
    const qsizetype n = y.size();
    if (n < 3 || std::isnan(y.first())) {
        out.note = QStringLiteral("fewer than 3 points of history");
        out.chosen.note = out.note;
        return out;
    }
    const qint64 step = std::max<qint64>(1, out.history.stepSeconds);
    const qsizetype holdout =
        n >= 5 ? std::max<qsizetype>(1, qsizetype(std::llround(double(n) * options.holdoutFraction))) : 0;
    const qsizetype train = n - holdout;
    const QList<double> trainValues = y.mid(0, train);

    struct Candidate {
        ForecastModelKind kind;
        qint64 seasonSeconds;
    };
    const Candidate candidates[] = { { ForecastModelKind::Linear, 0 }, { ForecastModelKind::HoltWintersDaily, 86400 },
        { ForecastModelKind::HoltWintersWeekly, 7 * 86400 } };
    int chosen = -1;
    for (const Candidate& c : candidates) {
        int period = 0;
        ModelFit fit;
        fit.kind = c.kind;
        if (c.seasonSeconds > 0) {
            period = c.seasonSeconds % step == 0 ? int(c.seasonSeconds / step) : 0;
            if (!options.allowSeasonal)
                fit.note = QStringLiteral("seasonal models disabled");
            else if (period < 2)
                fit.note = QStringLiteral("the series step does not resolve this season");
            else if (train < 2 * qsizetype(period))
                fit.note = QStringLiteral("history (before the holdout) shorter than 2 seasons");
            if (!fit.note.isEmpty()) {
                fit.seasonPeriod = period;
                out.candidates.append(fit);
                continue;
            }
        }
        if (holdout > 0) {
            const ModelFit onTrain = fitKind(c.kind, trainValues, period);
            const QList<double> predicted = predictMean(onTrain, int(holdout));
            fit = fitKind(c.kind, y, period);
            fit.holdoutPoints = int(holdout);
            fit.holdoutRmse = rmse(predicted, y, train);
            fit.holdoutMape = mape(predicted, y, train);
        } else {
            fit = fitKind(c.kind, y, period);
        }
        out.candidates.append(fit);
        if (!fit.valid)
            continue;
        const int index = int(out.candidates.size() - 1);
        if (chosen < 0 || fit.holdoutRmse < out.candidates[chosen].holdoutRmse * (1 - options.parsimonyMargin))
            chosen = index;
    }
    if (chosen < 0) {
        out.note = QStringLiteral("no model could be fitted");
        return out;
    }
    out.chosen = out.candidates[chosen];

    const QList<double> mean = predictMean(out.chosen, options.horizonSteps);
    double cumulative = 0; // running sum of c_j^2 for Holt-Winters (forecastSigma, without its quadratic cost)
    for (int h = 1; h <= int(mean.size()); ++h) {
        if (out.chosen.kind != ForecastModelKind::Linear && h > 1) {
            const int j = h - 1;
            const double c =
                out.chosen.alpha + out.chosen.beta * j + (j % out.chosen.seasonPeriod == 0 ? out.chosen.gamma : 0);
            cumulative += c * c;
        }
        const double sd = out.chosen.sigma * std::sqrt(1 + parameterLeverage(out.chosen, h) + cumulative);
        const double m = mean[h - 1];
        out.points.append({ out.history.end() + qint64(h - 1) * step, m, m - kZ80 * sd, m + kZ80 * sd, m - kZ95 * sd,
            m + kZ95 * sd });
    }
    return out;
}

QJsonObject Forecast::toJson() const
{
    QJsonArray candidateList;
    for (const ModelFit& fit : candidates)
        candidateList.append(fit.toJson(history.stepSeconds));
    QJsonArray pointList;
    for (const ForecastPoint& p : points)
        pointList.append(QJsonArray { formatUnixSeconds(p.time), number(p.mean), number(p.lower80), number(p.upper80),
            number(p.lower95), number(p.upper95) });
    QJsonObject json { { QStringLiteral("history"),
                           QJsonObject { { QStringLiteral("start"), formatUnixSeconds(history.start) },
                               { QStringLiteral("end"), formatUnixSeconds(history.end()) },
                               { QStringLiteral("stepSeconds"), history.stepSeconds },
                               { QStringLiteral("points"), int(history.values.size()) },
                               { QStringLiteral("filledPoints"), filledPoints } } },
        { QStringLiteral("model"), forecastModelName(chosen.kind) },
        { QStringLiteral("chosen"), chosen.toJson(history.stepSeconds) },
        { QStringLiteral("candidates"), candidateList },
        { QStringLiteral("pointColumns"),
            QJsonArray { QStringLiteral("time"), QStringLiteral("mean"), QStringLiteral("lower80"),
                QStringLiteral("upper80"), QStringLiteral("lower95"), QStringLiteral("upper95") } },
        { QStringLiteral("points"), pointList } };
    if (!note.isEmpty())
        json.insert(QStringLiteral("note"), note);
    return json;
}

} // namespace capaudit::analytics
