// SPDX-License-Identifier: GPL-3.0-or-later
// Delivered capacity as runs of equal value instead of one entry per step: a year of one-minute steps over a
// hundred nodes is a handful of runs per node, so summing them is a sweep over run boundaries.
#include "analytics/checkcontext.h"

#include <algorithm>
#include <map>
#include <set>

namespace capaudit::analytics::detail {
namespace {

qint64 phaseOf(qint64 time, qint64 step)
{
    return ((time % step) + step) % step;
}

void appendPiece(QList<DeliveredRun>& out, qint64 first, qint64 last, qint64 step, double value)
{
    if (!out.isEmpty() && out.last().value == value && out.last().step == step && out.last().last + step == first) {
        out.last().last = last;
        return;
    }
    out.append({ first, last, step, value, 0 });
}

// Runs on different step grids: sum step by step (exact, and rare: one provider reports on one grid).
QList<DeliveredRun> sumStepByStep(const QList<DeliveredRun>& runs)
{
    std::map<qint64, double> series;
    for (const DeliveredRun& r : runs)
        for (qint64 t = r.first; t <= r.last; t += r.step)
            series[t] += r.value;
    QList<DeliveredRun> out;
    for (const auto& [time, value] : series)
        out.append({ time, time, 1, value, 0 });
    return out;
}

} // namespace

QList<DeliveredRun> sumDelivered(QList<DeliveredRun> runs)
{
    if (runs.isEmpty())
        return {};
    // A canonical order, so every sum adds the same values in the same order however the runs were collected.
    std::sort(runs.begin(), runs.end(), [](const DeliveredRun& a, const DeliveredRun& b) {
        return std::tie(a.node, a.first, a.last, a.value) < std::tie(b.node, b.first, b.last, b.value);
    });
    const qint64 step = runs.first().step;
    const qint64 phase = phaseOf(runs.first().first, step);
    for (const DeliveredRun& r : std::as_const(runs))
        if (r.step != step || phaseOf(r.first, step) != phase)
            return sumStepByStep(runs);

    std::multimap<qint64, std::pair<bool, qsizetype>> events; // time -> (starts, run index)
    for (qsizetype i = 0; i < runs.size(); ++i) {
        events.insert({ runs.at(i).first, { true, i } });
        events.insert({ runs.at(i).last + step, { false, i } });
    }
    QList<DeliveredRun> out;
    std::set<qsizetype> active;
    for (auto it = events.begin(); it != events.end();) {
        const qint64 time = it->first;
        for (; it != events.end() && it->first == time; ++it) {
            if (it->second.first)
                active.insert(it->second.second);
            else
                active.erase(it->second.second);
        }
        if (active.empty() || it == events.end())
            continue;
        double value = 0;
        for (const qsizetype i : active)
            value += runs.at(i).value;
        appendPiece(out, time, it->first - step, step, value);
    }
    return out;
}

} // namespace capaudit::analytics::detail
