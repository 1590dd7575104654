// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "util/result.h"

#include <QList>
#include <QString>

namespace capaudit {
class CaseStore;
}

namespace capaudit::analytics {

// The periods an auditor picks from (the GUI's period picker, `check --period`): the whole case, each contract period
// as attested, each billing period the invoices state. Sorted by kind, then start.
struct PeriodPreset {
    enum class Kind { WholeCase, Contract, BillingPeriod };
    Kind kind = Kind::WholeCase;
    Period period;
    QStringList providers; // who attested the contract / billed the period; empty for the whole case
};
Result<QList<PeriodPreset>> periodPresets(CaseStore& store);

// A proposed period (a drag on the timeline, a typed range) widened so that it cuts no charge period: the start moves
// back to the start of a Usage charge period that contains it, the end forward to the end of one, until none is cut.
// A charge period judged on part of its usage reads as over- or under-billing that does not exist, so the checks,
// the status bar and the report all use the snapped period. Charge periods longer than kLongestChargePeriod are not
// followed (a provider must not be able to widen every selection to a year with one long row); without billing the
// period is widened to whole hours, the telemetry's finest aggregate.
struct SnappedPeriod {
    Period proposed;
    Period period;
    qint64 rowsCut = 0; // FOCUS Usage rows whose charge period the proposal (rounded to hours) cut, as they were passed
    bool moved() const
    {
        return period.start != proposed.start || period.end != proposed.end;
    }
};
inline constexpr qint64 kLongestChargePeriod = 31 * 86400;
Result<SnappedPeriod> snapToChargePeriods(CaseStore& store, const Period& proposed);

} // namespace capaudit::analytics
