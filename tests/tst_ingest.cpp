// SPDX-License-Identifier: GPL-3.0-or-later
// Ingest of the native usage CSV, FOCUS billing CSV and the in-toto predicates (attestation, telemetry, billing),
// with the ISO 8601 duration parser they use. OpenMetrics/Prometheus text and OTLP JSON are in tst_metrics.
#include "ingest/dataquality.h"
#include "ingest/focuscsv.h"
#include "ingest/jsonreader.h"
#include "ingest/predicates.h"
#include "ingest/usagecsv.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace capaudit;
using test::checkError;
using test::findSample;

namespace {

constexpr qint64 kT0 = test::kIngestStart;

class FailingSink final : public UsageSink {
public:
    Status addSample(const UsageSample&) override
    {
        if (++calls == 2)
            return Error(QStringLiteral("store"), QStringLiteral("disk full"));
        return {};
    }
    int calls = 0;
};

} // namespace

class TestIngest : public QObject {
    Q_OBJECT

private slots:
    // ---- native usage CSV ----
    void usageCsvFixture()
    {
        QFile file(test::ingestFixture(QStringLiteral("usage.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        UsageCollector sink;
        const Status s = parseUsageCsv(file, QStringLiteral("usage.csv"), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(sink.samples.size(), 10);
        const UsageSample& first = sink.samples.first();
        QCOMPARE(first.time, kT0);
        QCOMPARE(first.node, QStringLiteral("gpu-node-01"));
        QCOMPARE(first.resourceClass, QStringLiteral("gpu"));
        QVERIFY(first.tenant.isEmpty());
        QVERIFY(isMissing(first.allocated) && isMissing(first.used));
        QCOMPARE(first.capacity, 8.0);
        QCOMPARE(first.state, NodeState::Up);
        QCOMPARE(first.line, 2);
        const UsageSample* teamA = findSample(
            sink.samples, kT0, QStringLiteral("gpu-node-01"), QStringLiteral("cpu"), QStringLiteral("team-a"));
        QVERIFY(teamA);
        QCOMPARE(teamA->allocated, 16.5);
        QCOMPARE(teamA->used, 14.02);
        QCOMPARE(teamA->state, NodeState::Unknown);
        const UsageSample* storage =
            findSample(sink.samples, kT0 + 300, QStringLiteral("gpu-node-02"), QStringLiteral("storage"));
        QVERIFY(storage);
        QCOMPARE(storage->used, 0.125);
        QCOMPARE(storage->state, NodeState::Unknown);
        QCOMPARE(findSample(sink.samples, kT0 + 300, QStringLiteral("gpu-node-02"), QStringLiteral("cpu"))->state,
            NodeState::Down);
        // Interned: equal strings share one buffer.
        QCOMPARE(sink.samples[0].node.constData(), sink.samples[3].node.constData());
    }

    void usageCsvColumnOrderAndCrlf()
    {
        QByteArray csv = "state,capacity,used,allocated,tenant,resource_class,node,time\r\n"
                         "up,128,,,,cpu,n1,2026-01-01T00:05:00Z\r\n"
                         ",,3,4,t1,cpu,n1,2026-01-01T00:05:00Z\r\n";
        QBuffer buffer(&csv);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        UsageCollector sink;
        const Status s = parseUsageCsv(buffer, QStringLiteral("u.csv"), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(sink.samples.size(), 2);
        QCOMPARE(sink.samples[0].capacity, 128.0);
        QCOMPARE(sink.samples[0].state, NodeState::Up);
        QCOMPARE(sink.samples[1].tenant, QStringLiteral("t1"));
        QCOMPARE(sink.samples[1].allocated, 4.0);
        QCOMPARE(sink.samples[1].time, kT0 + 300);
    }

    void usageCsvErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QByteArray header = "time,node,resource_class,tenant,allocated,used,capacity,state\n";
        const QByteArray good = "2026-01-01T00:00:00Z,n1,cpu,,,,8,up\n";
        QTest::newRow("unknown column") << QByteArray("time,node,resource_class,tenant,allocated,used,capacity,state,"
                                                      "region\n")
                                        << qint64(1) << "region"
                                        << "unknown column";
        QTest::newRow("missing columns") << QByteArray("time,node,resource_class,tenant,allocated,used\n") << qint64(1)
                                         << "capacity, state"
                                         << "missing column";
        QTest::newRow("duplicate column")
            << QByteArray("time,node,node,resource_class,tenant,allocated,used,capacity,state\n") << qint64(1) << "node"
            << "duplicate";
        QTest::newRow("time with offset") << header + good + "2026-01-01T01:00:00+01:00,n1,cpu,,,,8,up\n"
                                          << qint64(3) << "time"
                                          << "RFC 3339 UTC";
        QTest::newRow("impossible date") << header + "2026-02-30T00:00:00Z,n1,cpu,,,,8,up\n"
                                         << qint64(2) << "time"
                                         << "RFC 3339";
        QTest::newRow("negative used") << header + good + "2026-01-01T00:00:00Z,n1,cpu,t1,1,-0.5,,\n"
                                       << qint64(3) << "used"
                                       << "negative";
        QTest::newRow("nan allocated") << header + "2026-01-01T00:00:00Z,n1,cpu,t1,nan,1,,\n"
                                       << qint64(2) << "allocated"
                                       << "finite";
        QTest::newRow("inf capacity") << header + "2026-01-01T00:00:00Z,n1,cpu,,,,inf,up\n"
                                      << qint64(2) << "capacity"
                                      << "finite";
        QTest::newRow("thousands separator") << header + "2026-01-01T00:00:00Z,n1,cpu,,,,1 024,up\n"
                                             << qint64(2) << "capacity"
                                             << "finite";
        QTest::newRow("unknown state") << header + good + good + "2026-01-01T00:00:00Z,n1,cpu,,,,8,degraded\n"
                                       << qint64(4) << "state"
                                       << "not a node state";
        QTest::newRow("too few fields") << header + "2026-01-01T00:00:00Z,n1,cpu,,,8,up\n"
                                        << qint64(2) << ""
                                        << "expected 8 fields, found 7";
        QTest::newRow("too many fields") << header + "2026-01-01T00:00:00Z,n1,cpu,,,,8,up,\n"
                                         << qint64(2) << ""
                                         << "found 9";
        QTest::newRow("empty node") << header + "2026-01-01T00:00:00Z,,cpu,,,,8,up\n"
                                    << qint64(2) << "node"
                                    << "empty";
        QTest::newRow("quoted node") << header + "2026-01-01T00:00:00Z,\"n1\",cpu,,,,8,up\n"
                                     << qint64(2) << "node"
                                     << "quotes";
        QTest::newRow("capacity on tenant row") << header + "2026-01-01T00:00:00Z,n1,cpu,t1,1,1,8,\n"
                                                << qint64(2) << "capacity"
                                                << "node row";
        QTest::newRow("state on tenant row") << header + "2026-01-01T00:00:00Z,n1,cpu,t1,1,1,,up\n"
                                             << qint64(2) << "state"
                                             << "node row";
        QTest::newRow("no measurement") << header + "2026-01-01T00:00:00Z,n1,cpu,t1,,,,\n"
                                        << qint64(2) << ""
                                        << "no measurement";
        QTest::newRow("blank line inside") << header + good + "\n" + good << qint64(3) << ""
                                           << "empty line";
        QTest::newRow("invalid utf-8") << header
                + "2026-01-01T00:00:00Z,n\xff"
                  "1,cpu,,,,8,up\n" << qint64(2)
                                       << "node"
                                       << "UTF-8";
        QTest::newRow("empty file") << QByteArray() << qint64(1) << ""
                                    << "header";
    }

    void usageCsvErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, line);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        QBuffer buffer(&body);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        UsageCollector sink;
        const Status s = parseUsageCsv(buffer, QStringLiteral("usage.csv"), sink);
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("usage.csv"), line, field, reason);
    }

    void sinkErrorAbortsParsing()
    {
        QFile file(test::ingestFixture(QStringLiteral("usage.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        FailingSink sink;
        const Status s = parseUsageCsv(file, QStringLiteral("usage.csv"), sink);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().reason, QStringLiteral("disk full"));
        QCOMPARE(sink.calls, 2);
    }

    // ---- FOCUS ----
    void focusFixture()
    {
        QFile file(test::ingestFixture(QStringLiteral("focus-1.2.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        BillingCollector sink;
        const Status s = parseFocusCsv(file, QStringLiteral("focus.csv"), sink);
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(sink.records.size(), 6);
        const BillingRecord& gpu = sink.records[0];
        QCOMPARE(gpu.line, 2);
        QCOMPARE(gpu.billedCost, 7440.0);
        QCOMPARE(gpu.billingPeriodStart, kT0);
        QCOMPARE(gpu.billingPeriodEnd, kT0 + 31 * 86400);
        QCOMPARE(gpu.chargePeriodEnd, kT0 + 86400);
        QVERIFY(gpu.chargeClass.isEmpty()); // NULL literal
        QCOMPARE(gpu.pricingQuantity, 96.0);
        QCOMPARE(gpu.contractedUnitPrice, 77.5);
        QCOMPARE(gpu.tags.value(QStringLiteral("cost-center")).toString(), QStringLiteral("R&D, Vision"));
        QCOMPARE(gpu.extensions.value(QStringLiteral("x_ContractLine")), QStringLiteral("CL-07"));
        QCOMPARE(gpu.resourceClass, QStringLiteral("gpu"));
        QCOMPARE(gpu.tenant, QStringLiteral("team-a"));
        QCOMPARE(gpu.invoiceId, QStringLiteral("INV-2026-0001"));
        QCOMPARE(gpu.otherColumns.value(QStringLiteral("RegionName")), QStringLiteral("Frankfurt 1"));
        QCOMPARE(gpu.otherColumns.value(QStringLiteral("ChargeFrequency")), QStringLiteral("Usage-Based"));

        const BillingRecord& cpu = sink.records[1];
        QCOMPARE(cpu.line, 3);
        QCOMPARE(cpu.billingPeriodStart, kT0); // "YYYY-MM-DD HH:MM:SS"
        QCOMPARE(cpu.chargeDescription,
            QStringLiteral("CPU core-hours, EPYC 9654 pool\n(reserved share, \"burst\" excluded)"));
        QCOMPARE(cpu.resourceClass, QStringLiteral("cpu")); // from Tags
        QCOMPARE(cpu.tenant, QStringLiteral("ml-research")); // from Tags
        QVERIFY(!cpu.extensions.contains(QStringLiteral("x_Tenant")));
        QVERIFY(!cpu.otherColumns.contains(QStringLiteral("SkuPriceId")));

        const BillingRecord& mem = sink.records[2];
        QCOMPARE(mem.line, 5);
        QVERIFY(mem.resourceClass.isEmpty());
        QCOMPARE(mem.tenant, QStringLiteral("team-b")); // SubAccountId fallback

        const BillingRecord& tax = sink.records[3];
        QCOMPARE(tax.chargeCategory, QStringLiteral("Tax"));
        QVERIFY(isMissing(tax.pricingQuantity) && isMissing(tax.consumedQuantity));
        QVERIFY(tax.pricingUnit.isEmpty());
        QVERIFY(tax.tags.isEmpty());
        QCOMPARE(sink.records[4].billedCost, -372.0);
        QCOMPARE(sink.records[5].chargeClass, QStringLiteral("Correction"));
        QCOMPARE(sink.records[5].pricingQuantity, -2.0);
        QCOMPARE(sink.records[5].line, 8);
    }

    void focusErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        const QByteArray header = "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,"
                                  "BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,"
                                  "ChargePeriodStart,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,"
                                  "PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName,"
                                  "Tags\n";
        // BilledCost .. ServiceName, Tags: a valid usage row to vary.
        const auto row = [](QByteArray cost, QByteArray currency, QByteArray start, QByteArray category,
                             QByteArray quantity, QByteArray tags) {
            return cost + ",ba-1,NULL," + currency + ",2026-02-01T00:00:00Z," + start + "," + category
                + ",NULL,GPU-hours,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z,10,10,Nordwolke,10," + quantity
                + ",GPU-Hours,Nordwolke,Nordwolke,Compute,GPU Cloud," + tags + "\n";
        };
        const QByteArray ok = row("10", "EUR", "2026-01-01T00:00:00Z", "Usage", "1", "{}");
        QTest::newRow("missing mandatory") << QByteArray("BilledCost,BillingAccountId,ChargeCategory\n") << qint64(1)
                                           << "BillingAccountName, BillingCurrency, BillingPeriodEnd, "
                                              "BillingPeriodStart, ChargeClass, ChargeDescription, ChargePeriodEnd, "
                                              "ChargePeriodStart, ContractedCost, EffectiveCost, InvoiceIssuerName, "
                                              "ListCost, PricingQuantity, PricingUnit, ProviderName, PublisherName, "
                                              "ServiceCategory, ServiceName"
                                           << "missing mandatory";
        QTest::newRow("unknown column") << QByteArray(header).replace("Tags", "CostCenter") << qint64(1) << "CostCenter"
                                        << "x_";
        QTest::newRow("null BilledCost") << header + ok + row("NULL", "EUR", "2026-01-01T00:00:00Z", "Usage", "1", "{}")
                                         << qint64(3) << "BilledCost"
                                         << "null";
        QTest::newRow("cost with currency symbol")
            << header + row("€10", "EUR", "2026-01-01T00:00:00Z", "Usage", "1", "{}") << qint64(2) << "BilledCost"
            << "decimal";
        QTest::newRow("bad date") << header + row("10", "EUR", "01/01/2026", "Usage", "1", "{}") << qint64(2)
                                  << "BillingPeriodStart"
                                  << "date-time";
        QTest::newRow("date only") << header + row("10", "EUR", "2026-01-01", "Usage", "1", "{}") << qint64(2)
                                   << "BillingPeriodStart"
                                   << "date-time";
        QTest::newRow("bad currency") << header + row("10", "euro", "2026-01-01T00:00:00Z", "Usage", "1", "{}")
                                      << qint64(2) << "BillingCurrency"
                                      << "ISO 4217";
        QTest::newRow("bad category") << header + row("10", "EUR", "2026-01-01T00:00:00Z", "Discount", "1", "{}")
                                      << qint64(2) << "ChargeCategory"
                                      << "not one of";
        QTest::newRow("negative usage quantity")
            << header + row("10", "EUR", "2026-01-01T00:00:00Z", "Usage", "-1", "{}") << qint64(2) << "PricingQuantity"
            << "negative";
        QTest::newRow("bad tags") << header + ok
                + row("10", "EUR", "2026-01-01T00:00:00Z", "Usage", "1", "\"{\"\"a\"\":}\"")
                                  << qint64(3) << "Tags"
                                  << "JSON";
        QTest::newRow("wrong field count") << header + ok + "10,ba-1\n"
                                           << qint64(3) << ""
                                           << "found 2";
        QTest::newRow("unterminated quote")
            << header + ok + row("10", "EUR", "2026-01-01T00:00:00Z", "Usage", "1", "\"{") << qint64(3) << ""
            << "never closed";
        QTest::newRow("text after quote")
            << header + row("10", "EUR", "2026-01-01T00:00:00Z", "Usage", "1", "\"{}\"x") << qint64(2) << ""
            << "after a closing quote";
        QTest::newRow("stray quote") << header + row("10", "EUR", "2026-01-01T00:00:00Z", "Usage", "1", "{\"\"}")
                                     << qint64(2) << ""
                                     << "quote inside unquoted";
    }

    void focusErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, line);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        QBuffer buffer(&body);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        BillingCollector sink;
        // Strict mode (no quality log): the first problem is an error. FOCUS 1.0 rules (1.2 has no sign rule).
        const Status s =
            parseFocusCsv(buffer, QStringLiteral("focus.csv"), sink, FocusOptions { QStringLiteral("1.0") });
        QVERIFY(!s.ok());
        checkError(s.error(), QStringLiteral("focus.csv"), line, field, reason);
    }

    // Shapes of the official FOCUS 1.0 sample (AWS credits with negative unit prices, Oracle rows with a null
    // ContractedCost, a non-x_ column "Id", a Microsoft refund with a negative quantity) plus broken rows: one pass
    // logs every problem, flags the rows and goes on. The version decides the sign rule.
    void focusQuarantineByVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("refundQuarantined");
        QTest::newRow("1.0") << QStringLiteral("1.0") << true;
        QTest::newRow("1.1") << QStringLiteral("1.1") << true;
        QTest::newRow("1.2") << QStringLiteral("1.2") << false;
    }
    void focusQuarantineByVersion()
    {
        QFETCH(QString, version);
        QFETCH(bool, refundQuarantined);
        QFile file(test::ingestFixture(QStringLiteral("focus-1.0-sample-shapes.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        BillingCollector sink;
        DataQualityLog log;
        const Status s = parseFocusCsv(file, QStringLiteral("focus.csv"), sink, FocusOptions { version, &log });
        QVERIFY2(s.ok(), qPrintable(s.error().toString()));
        QCOMPARE(sink.records.size(), 8); // lines 2-9; line 10 has too few fields to be stored
        QMap<QString, DataQualityLog::Group> groups;
        for (const DataQualityLog::Group& g : log.groups())
            groups.insert(g.rule, g);
        // Tolerated deviations: noted, the rows are kept.
        QVERIFY(!groups.value(QStringLiteral("header/custom-column")).quarantine);
        QCOMPARE(groups.value(QStringLiteral("header/custom-column")).column, QStringLiteral("Id"));
        QCOMPARE(groups.value(QStringLiteral("ListUnitPrice/negative-on-credit")).firstLine, 3);
        QVERIFY(!groups.value(QStringLiteral("ContractedUnitPrice/negative-on-credit")).quarantine);
        QCOMPARE(groups.value(QStringLiteral("ContractedCost/not-null")).firstLine, 4);
        QVERIFY(!groups.value(QStringLiteral("ContractedCost/not-null")).quarantine);
        QVERIFY(sink.records[1].quarantine.isEmpty() && sink.records[1].notes.size() == 2);
        QVERIFY(sink.records[2].quarantine.isEmpty());
        QVERIFY(isMissing(sink.records[2].contractedCost));
        // Quarantined: grouped by rule with counts and line ranges.
        const DataQualityLog::Group decimal = groups.value(QStringLiteral("BilledCost/decimal"));
        QVERIFY(decimal.quarantine);
        QCOMPARE(decimal.count, 2);
        QCOMPARE(decimal.firstLine, 6);
        QCOMPARE(decimal.lastLine, 9);
        QCOMPARE(groups.value(QStringLiteral("BillingCurrency/not-null")).firstLine, 7);
        QCOMPARE(groups.value(QStringLiteral("ChargeCategory/allowed-values")).firstLine, 8);
        QCOMPARE(groups.value(QStringLiteral("row/field-count")).firstLine, 10);
        QCOMPARE(groups.contains(QStringLiteral("PricingQuantity/sign")), refundQuarantined);
        QCOMPARE(sink.records[3].quarantine.isEmpty(), !refundQuarantined);
        QCOMPARE(log.quarantinedRows(), refundQuarantined ? 6 : 5);
        QCOMPARE(log.rows(), 9);
        for (int i : { 4, 5, 6, 7 })
            QVERIFY(!sink.records[i].quarantine.isEmpty());
        QVERIFY(sink.records[0].quarantine.isEmpty() && sink.records[0].notes.isEmpty());
    }

    // 1.1: ConsumedQuantity of a usage row must not be negative; 1.2 dropped the rule.
    void focusConsumedQuantitySign()
    {
        const QByteArray body = test::readAll(test::ingestFixture(QStringLiteral("focus-1.2.csv")));
        QList<QByteArray> lines = body.split('\n');
        // Line 2 is a Usage row with ConsumedQuantity 96 (column 13).
        QList<QByteArray> fields = lines[1].split(',');
        QCOMPARE(fields[12], QByteArray("96"));
        fields[12] = "-96";
        lines[1] = fields.join(',');
        QByteArray changed = lines.join('\n');
        for (const auto& [version, quarantined] : { std::pair { "1.1", true }, std::pair { "1.2", false } }) {
            QBuffer buffer(&changed);
            QVERIFY(buffer.open(QIODevice::ReadOnly));
            BillingCollector sink;
            DataQualityLog log;
            QVERIFY(parseFocusCsv(buffer, QStringLiteral("f.csv"), sink, FocusOptions { QLatin1String(version), &log })
                        .ok());
            QCOMPARE(sink.records[0].quarantine.contains(QStringLiteral("ConsumedQuantity/sign")), quarantined);
        }
    }

    // A column of a later FOCUS version than the file declares is noted, not refused.
    void focusColumnVersionNote()
    {
        QFile file(test::ingestFixture(QStringLiteral("focus-1.2.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        BillingCollector sink;
        DataQualityLog log;
        QVERIFY(parseFocusCsv(file, QStringLiteral("f.csv"), sink, FocusOptions { QStringLiteral("1.0"), &log }).ok());
        QCOMPARE(sink.records.size(), 6);
        const QList<DataQualityLog::Group> groups = log.groups();
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups[0].rule, QStringLiteral("header/column-version"));
        QCOMPARE(groups[0].column, QStringLiteral("InvoiceId"));
        QVERIFY(!log.hasQuarantine());
    }

    // ---- predicates ----
    void attestationPredicate()
    {
        auto json = parseJsonObject(
            test::readAll(test::ingestFixture(QStringLiteral("attestation.json"))), QStringLiteral("a.json"));
        QVERIFY(json.ok());
        auto claims = parseAttestationPredicate(*json, QStringLiteral("statement.json"));
        QVERIFY2(claims.ok(), qPrintable(claims.error().toString()));
        QCOMPARE(claims->contractId, QStringLiteral("NW-2026-0042"));
        QCOMPARE(claims->period.start, kT0);
        QCOMPARE(claims->period.end, kT0 + 31 * 86400);
        QCOMPARE(claims->allowedJurisdictions, QList<QString>({ QStringLiteral("DE"), QStringLiteral("FR") }));
        QCOMPARE(claims->tenants.size(), 2);
        QCOMPARE(claims->commitments.size(), 2);
        QCOMPARE(claims->commitments[0].period.end, claims->period.end); // defaults to the contract period
        QCOMPARE(claims->commitments[1].overcommitLimit, 1.5);
        QCOMPARE(claims->commitments[1].period.end, kT0 + 15 * 86400);
        QCOMPARE(claims->nodes[0].capacity.value(QStringLiteral("gpu")), 8.0);
        QCOMPARE(claims->sla.measurementWindowSeconds, 30 * 86400);
        QCOMPARE(claims->sla.availabilityTarget, 0.995);
        QCOMPARE(claims->prices[1].currency, QStringLiteral("EUR")); // inherited from the contract

        // Only provider, contract {id, period}, commitments and nodes are required (docs/bundle-format.md schema).
        auto minimal = parseJsonObject(R"({"provider":"P","signedAt":"2026-01-08T00:00:00Z",
            "contract":{"id":"C","period":{"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"}},
            "commitments":[{"resourceClass":"cpu","quantity":0}],
            "nodes":[{"id":"n1","jurisdiction":"DE","capacity":{"cpu":4}}]})",
            QStringLiteral("m"));
        QVERIFY(minimal.ok());
        auto small = parseAttestationPredicate(*minimal, QStringLiteral("statement.json"));
        QVERIFY2(small.ok(), qPrintable(small.error().toString()));
        QCOMPARE(small->signedAt, kT0 + 7 * 86400);
        QCOMPARE(small->commitments[0].overcommitLimit, 1.0);
        QVERIFY(small->prices.isEmpty() && small->tenants.isEmpty() && small->allowedJurisdictions.isEmpty());
        QCOMPARE(small->sla.availabilityTarget, 0.0);
    }

    void attestationErrors_data()
    {
        QTest::addColumn<QString>("pointer"); // where to change the fixture
        QTest::addColumn<QJsonValue>("value"); // undefined = remove
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing provider") << "/provider" << QJsonValue(QJsonValue::Undefined) << "/provider"
                                          << "missing";
        QTest::newRow("bad jurisdiction")
            << "/nodes/1/jurisdiction" << QJsonValue(QStringLiteral("Germany")) << "/nodes/1/jurisdiction"
            << "alpha-2";
        QTest::newRow("months in window")
            << "/sla/measurementWindow" << QJsonValue(QStringLiteral("P1M")) << "/sla/measurementWindow"
            << "ISO 8601";
        QTest::newRow("window in seconds ok but negative")
            << "/sla/measurementWindow" << QJsonValue(-5) << "/sla/measurementWindow"
            << "positive";
        QTest::newRow("target above 1") << "/sla/availabilityTarget" << QJsonValue(99.5) << "/sla/availabilityTarget"
                                        << "outside";
        QTest::newRow("negative price") << "/prices/0/unitPrice" << QJsonValue(-1) << "/prices/0/unitPrice"
                                        << "outside";
        QTest::newRow("negative commitment") << "/commitments/0/quantity" << QJsonValue(-1) << "/commitments/0/quantity"
                                             << "outside";
        QTest::newRow("misspelt key") << "/commitments/0/overcommitlimit" << QJsonValue(2)
                                      << "/commitments/0/overcommitlimit"
                                      << "unknown key";
        QTest::newRow("duplicate node") << "/nodes/1/id" << QJsonValue(QStringLiteral("gpu-node-01")) << "/nodes/1/id"
                                        << "duplicate";
        QTest::newRow("period reversed") << "/contract/period/end" << QJsonValue(QStringLiteral("2025-12-01T00:00:00Z"))
                                         << "/contract/period/end"
                                         << "after its start";
        QTest::newRow("bad time") << "/contract/period/start" << QJsonValue(QStringLiteral("2026-01-01"))
                                  << "/contract/period/start"
                                  << "RFC 3339";
        QTest::newRow("no nodes") << "/nodes" << QJsonValue(QJsonArray()) << "/nodes"
                                  << "at least one";
        QTest::newRow("sla without target")
            << "/sla/availabilityTarget" << QJsonValue(QJsonValue::Undefined) << "/sla/availabilityTarget"
            << "missing";
        QTest::newRow("capacity as string")
            << "/nodes/0/capacity/cpu" << QJsonValue(QStringLiteral("128")) << "/nodes/0/capacity/cpu"
            << "finite number";
    }

    void attestationErrors()
    {
        QFETCH(QString, pointer);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        auto json = parseJsonObject(
            test::readAll(test::ingestFixture(QStringLiteral("attestation.json"))), QStringLiteral("a.json"));
        QVERIFY(json.ok());
        const QJsonObject modified = setAt(*json, pointer.split(QLatin1Char('/')).mid(1), value).toObject();
        auto claims = parseAttestationPredicate(modified, QStringLiteral("statement.json"));
        QVERIFY(!claims.ok());
        checkError(claims.error(), QStringLiteral("statement.json"), 0, field, reason);
    }

    void telemetryAndBillingPredicates()
    {
        auto telemetry = parseJsonObject(R"({"provider":"Nordwolke","meter":"independent",
            "period":{"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"},"resolutionSeconds":300,
            "payloads":[{"path":"data/usage.csv","format":"capaudit-usage-csv/v1"},
                        {"path":"data/scrape.txt","format":"openmetrics-text","profile":"kube-state-metrics",
                         "mapping":"data/mapping.json"}]})",
            QStringLiteral("t"));
        QVERIFY(telemetry.ok());
        auto t = parseTelemetryPredicate(*telemetry, QStringLiteral("statement.json"));
        QVERIFY2(t.ok(), qPrintable(t.error().toString()));
        QCOMPARE(t->meter, MeterKind::Independent);
        QCOMPARE(t->resolutionSeconds, 300);
        QCOMPARE(t->payloads.size(), 2);
        QCOMPARE(t->payloads[1].mapping, QStringLiteral("data/mapping.json"));

        QJsonObject bad = *telemetry;
        QJsonArray payloads = bad.value(QStringLiteral("payloads")).toArray();
        QJsonObject p = payloads[0].toObject();
        p.insert(QStringLiteral("path"), QStringLiteral("../etc/passwd"));
        payloads[0] = p;
        bad.insert(QStringLiteral("payloads"), payloads);
        auto badResult = parseTelemetryPredicate(bad, QStringLiteral("statement.json"));
        QVERIFY(!badResult.ok());
        checkError(badResult.error(), QStringLiteral("statement.json"), 0, QStringLiteral("/payloads/0/path"),
            QStringLiteral("under data/"));
        bad = *telemetry;
        payloads = bad.value(QStringLiteral("payloads")).toArray();
        p = payloads[1].toObject();
        p.remove(QStringLiteral("profile"));
        p.remove(QStringLiteral("mapping"));
        payloads[1] = p;
        bad.insert(QStringLiteral("payloads"), payloads);
        badResult = parseTelemetryPredicate(bad, QStringLiteral("statement.json"));
        QVERIFY(!badResult.ok());
        QCOMPARE(badResult.error().field, QStringLiteral("/payloads/1/profile"));

        auto billing = parseJsonObject(R"({"provider":"Nordwolke","invoice":{"id":"INV-2026-0001",
            "issuedAt":"2026-02-03T09:00:00Z"},"period":{"start":"2026-01-01T00:00:00Z","end":"2026-02-01T00:00:00Z"},
            "currency":"EUR","payloads":[{"path":"data/focus.csv","format":"focus-csv","focusVersion":"1.2"}]})",
            QStringLiteral("b"));
        QVERIFY(billing.ok());
        auto b = parseBillingPredicate(*billing, QStringLiteral("statement.json"));
        QVERIFY2(b.ok(), qPrintable(b.error().toString()));
        QCOMPARE(b->invoiceId, QStringLiteral("INV-2026-0001"));
        QCOMPARE(b->invoiceIssuedAt, kT0 + 33 * 86400 + 9 * 3600);
        QCOMPARE(b->payloads[0].focusVersion, QStringLiteral("1.2"));
        QJsonObject badBilling = *billing;
        badBilling.insert(QStringLiteral("currency"), QStringLiteral("€"));
        auto bb = parseBillingPredicate(badBilling, QStringLiteral("statement.json"));
        QVERIFY(!bb.ok());
        QCOMPARE(bb.error().field, QStringLiteral("/currency"));
    }

    void isoDurations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1: invalid
        QTest::newRow("30 days") << "P30D" << qint64(30 * 86400);
        QTest::newRow("hours") << "PT720H" << qint64(720 * 3600);
        QTest::newRow("week") << "P1W" << qint64(7 * 86400);
        QTest::newRow("mixed") << "P1DT12H30M15S" << qint64(86400 + 12 * 3600 + 30 * 60 + 15);
        QTest::newRow("month") << "P1M" << qint64(-1);
        QTest::newRow("year") << "P1Y" << qint64(-1);
        QTest::newRow("no P") << "30D" << qint64(-1);
        QTest::newRow("empty time") << "P1DT" << qint64(-1);
        QTest::newRow("minutes without T") << "P5M" << qint64(-1);
        QTest::newRow("zero") << "PT0S" << qint64(-1);
    }

    void isoDurations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto parsed = parseIsoDuration(text);
        if (seconds < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed.value_or(-1), seconds);
    }

private:
    static QJsonValue setAt(const QJsonValue& node, const QStringList& path, const QJsonValue& value)
    {
        if (path.isEmpty())
            return value;
        const QString& key = path.first();
        if (node.isArray()) {
            QJsonArray a = node.toArray();
            a[key.toInt()] = setAt(a[key.toInt()], path.mid(1), value);
            return a;
        }
        QJsonObject o = node.toObject();
        const QJsonValue child = setAt(o.value(key), path.mid(1), value);
        if (child.isUndefined())
            o.remove(key);
        else
            o.insert(key, child);
        return o;
    }
};

QTEST_GUILESS_MAIN(TestIngest)
#include "tst_ingest.moc"