// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/sinks.h"

namespace capaudit {

UsageSink::~UsageSink() = default;
BillingSink::~BillingSink() = default;

Status UsageCollector::addSample(const UsageSample& sample)
{
    samples.append(sample);
    return {};
}

Status BillingCollector::addBillingRecord(const BillingRecord& record)
{
    records.append(record);
    return {};
}

} // namespace capaudit
