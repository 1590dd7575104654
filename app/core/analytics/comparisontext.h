// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/comparison.h"

namespace capaudit::analytics {

// The bid comparison's sentences in the installed translation, composed from its facts. BidComparison::notes and
// ::verdict stay English: the JSON and the CSV keep them, and a re-run compares them byte for byte.
QString localizedAdjustmentNote(const BidderScore& score);
// NOTES with every bidder's adjustment note said in the installed language; other caveats as they are.
QStringList localizedNotes(const BidComparison& comparison);
// "ranking stable", or "ranking sensitive to" the criteria whose weight change reorders a pair.
QString localizedVerdict(const BidComparison& comparison);

} // namespace capaudit::analytics
