// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "util/result.h"

#include <QList>

namespace capaudit {

// Importers push records one at a time, so a file of any size is parsed in constant memory.
// A failed Status from a sink aborts parsing and is returned unchanged by the importer.
class UsageSink {
public:
    virtual ~UsageSink();
    virtual Status addSample(const UsageSample& sample) = 0;
};

class BillingSink {
public:
    virtual ~BillingSink();
    virtual Status addBillingRecord(const BillingRecord& record) = 0;
};

// Keeps everything in memory: for tests and for small payloads only.
class UsageCollector final : public UsageSink {
public:
    Status addSample(const UsageSample& sample) override;
    QList<UsageSample> samples;
};

class BillingCollector final : public BillingSink {
public:
    Status addBillingRecord(const BillingRecord& record) override;
    QList<BillingRecord> records;
};

} // namespace capaudit
