// SPDX-License-Identifier: GPL-3.0-or-later
// Model fitting for forecast.h: ordinary least squares and additive Holt-Winters by one-step SSE minimisation.
#include "analytics/forecast.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

namespace capaudit::analytics {

namespace {

struct HoltWintersState {
    double level = 0; // l_{-1}: the level before the first observation
    double trend = 0;
    QList<double> seasonal;
};

// Start from a classical decomposition of every full season in the data: the trend is the regression line of the
// season means (full seasons, so the seasonal component cancels; a line through the raw points would be biased by
// the cycle's correlation with time), the seasonal indices are the mean detrended value at each phase.
HoltWintersState initialState(const QList<double>& y, int m)
{
    const qsizetype seasons = y.size() / m;
    QList<double> means(seasons, 0.0);
    for (qsizetype k = 0; k < seasons; ++k) {
        for (int j = 0; j < m; ++j)
            means[k] += y[k * m + j];
        means[k] /= m;
    }
    const double centre0 = (m - 1) / 2.0; // time of season 0's mean
    const double meanK = double(seasons - 1) / 2;
    double meanM = 0;
    for (double v : means)
        meanM += v;
    meanM /= double(seasons);
    double skm = 0, skk = 0;
    for (qsizetype k = 0; k < seasons; ++k) {
        skm += (double(k) - meanK) * (means[k] - meanM);
        skk += (double(k) - meanK) * (double(k) - meanK);
    }
    HoltWintersState state;
    state.trend = skm / skk / m;
    const double atZero = meanM - state.trend * (meanK * m + centre0); // the line at step 0
    state.seasonal.fill(0.0, m);
    for (qsizetype i = 0; i < seasons * m; ++i)
        state.seasonal[i % m] += (y[i] - (atZero + state.trend * double(i))) / double(seasons);
    state.level = atZero - state.trend;
    return state;
}

struct Smoothing {
    double alpha, beta, gamma;
};

// Parameters from a point of the unit cube, inside the usual admissible region 0 < alpha < 1, 0 <= beta <= alpha,
// 0 <= gamma <= 1 - alpha.
Smoothing fromCube(const std::array<double, 3>& u)
{
    const double alpha = 0.001 + 0.998 * std::clamp(u[0], 0.0, 1.0);
    return { alpha, alpha * std::clamp(u[1], 0.0, 1.0), (1 - alpha) * std::clamp(u[2], 0.0, 1.0) };
}

double runHoltWinters(const QList<double>& y, int m, const HoltWintersState& start, Smoothing p, ModelFit* out)
{
    double l = start.level, b = start.trend;
    QList<double> s = start.seasonal;
    double sse = 0;
    for (qsizetype i = 0; i < y.size(); ++i) {
        double& season = s[i % m];
        const double e = y[i] - (l + b + season);
        sse += e * e;
        l += b + p.alpha * e;
        b += p.beta * e;
        season += p.gamma * e;
    }
    if (out) {
        out->level = l;
        out->slope = b;
        out->seasonal = s;
        out->alpha = p.alpha;
        out->beta = p.beta;
        out->gamma = p.gamma;
        out->sse = sse;
    }
    return std::isfinite(sse) ? sse : std::numeric_limits<double>::max();
}

// Nelder-Mead on the unit cube (clamped), from START; deterministic.
std::array<double, 3> nelderMead(
    const std::function<double(const std::array<double, 3>&)>& f, std::array<double, 3> start, int maxEvaluations)
{
    using Point = std::array<double, 3>;
    std::array<Point, 4> x;
    std::array<double, 4> fx;
    x[0] = start;
    for (int d = 0; d < 3; ++d) {
        x[d + 1] = start;
        x[d + 1][d] += start[d] + 0.05 <= 1 ? 0.05 : -0.05;
    }
    int evaluations = 0;
    auto eval = [&](const Point& p) {
        ++evaluations;
        Point c = p;
        for (double& v : c)
            v = std::clamp(v, 0.0, 1.0);
        return f(c);
    };
    for (int i = 0; i < 4; ++i)
        fx[i] = eval(x[i]);
    std::array<int, 4> order = { 0, 1, 2, 3 };
    while (evaluations < maxEvaluations) {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return fx[a] < fx[b]; });
        const int best = order[0], worst = order[3], second = order[2];
        double size = 0;
        for (int i = 1; i < 4; ++i)
            for (int d = 0; d < 3; ++d)
                size = std::max(size, std::abs(x[order[i]][d] - x[best][d]));
        if (size < 1e-5 || fx[worst] - fx[best] <= 1e-12 * std::abs(fx[best]))
            break;
        Point centroid {};
        for (int i = 0; i < 3; ++i)
            for (int d = 0; d < 3; ++d)
                centroid[d] += x[order[i]][d] / 3;
        auto along = [&](double t) {
            Point p;
            for (int d = 0; d < 3; ++d)
                p[d] = centroid[d] + t * (x[worst][d] - centroid[d]);
            return p;
        };
        const Point reflected = along(-1);
        const double fr = eval(reflected);
        if (fr < fx[best]) {
            const Point expanded = along(-2);
            const double fe = eval(expanded);
            x[worst] = fe < fr ? expanded : reflected;
            fx[worst] = std::min(fe, fr);
        } else if (fr < fx[second]) {
            x[worst] = reflected;
            fx[worst] = fr;
        } else {
            const Point contracted = fr < fx[worst] ? along(-0.5) : along(0.5);
            const double fc = eval(contracted);
            if (fc < std::min(fr, fx[worst])) {
                x[worst] = contracted;
                fx[worst] = fc;
            } else {
                for (int i = 1; i < 4; ++i) {
                    const int k = order[i];
                    for (int d = 0; d < 3; ++d)
                        x[k][d] = x[best][d] + 0.5 * (x[k][d] - x[best][d]);
                    fx[k] = eval(x[k]);
                }
            }
        }
    }
    int best = 0;
    for (int i = 1; i < 4; ++i)
        if (fx[i] < fx[best])
            best = i;
    Point result = x[best];
    for (double& v : result)
        v = std::clamp(v, 0.0, 1.0);
    return result;
}

} // namespace

ModelFit fitLinear(const QList<double>& values)
{
    ModelFit fit;
    fit.kind = ForecastModelKind::Linear;
    const qsizetype n = values.size();
    fit.observations = int(n);
    if (n < 2) {
        fit.note = QStringLiteral("fewer than 2 points");
        return fit;
    }
    const double meanX = double(n - 1) / 2;
    double meanY = 0;
    for (double v : values)
        meanY += v;
    meanY /= double(n);
    double sxy = 0, sxx = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const double dx = double(i) - meanX;
        sxy += dx * (values[i] - meanY);
        sxx += dx * dx;
    }
    fit.slope = sxy / sxx;
    fit.intercept = meanY - fit.slope * meanX;
    fit.sxx = sxx;
    for (qsizetype i = 0; i < n; ++i) {
        const double e = values[i] - (fit.intercept + fit.slope * double(i));
        fit.sse += e * e;
    }
    fit.sigma = n > 2 ? std::sqrt(fit.sse / double(n - 2)) : 0;
    fit.level = fit.intercept + fit.slope * double(n - 1);
    fit.valid = true;
    return fit;
}

ModelFit fitHoltWinters(const QList<double>& values, int period, ForecastModelKind kind)
{
    ModelFit fit;
    fit.kind = kind;
    fit.seasonPeriod = period;
    fit.observations = int(values.size());
    if (period < 2 || values.size() < 2 * qsizetype(period)) {
        fit.note = QStringLiteral("history shorter than 2 seasons");
        return fit;
    }
    const HoltWintersState start = initialState(values, period);
    auto sse = [&](const std::array<double, 3>& u) {
        return runHoltWinters(values, period, start, fromCube(u), nullptr);
    };

    // Coarse grid first: SSE surfaces of Holt-Winters often have several local minima.
    static constexpr double alphas[] = { 0.01, 0.05, 0.1, 0.2, 0.4, 0.7, 0.95 };
    static constexpr double betaRatios[] = { 0, 0.01, 0.05, 0.2, 0.5 };
    static constexpr double gammaRatios[] = { 0, 0.05, 0.2, 0.5 };
    std::array<double, 3> best { 0, 0, 0 };
    double bestSse = std::numeric_limits<double>::max();
    for (double a : alphas)
        for (double b : betaRatios)
            for (double g : gammaRatios) {
                const std::array<double, 3> u { (a - 0.001) / 0.998, b, g };
                const double value = sse(u);
                if (value < bestSse) {
                    bestSse = value;
                    best = u;
                }
            }
    best = nelderMead(sse, best, 400);
    runHoltWinters(values, period, start, fromCube(best), &fit);
    fit.sigma = std::sqrt(fit.sse / double(std::max<qsizetype>(1, values.size() - 3)));
    const double n = double(values.size());
    fit.sxx = n * (n * n - 1) / 12;
    fit.valid = true;
    return fit;
}

} // namespace capaudit::analytics
