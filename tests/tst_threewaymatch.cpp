// SPDX-License-Identifier: GPL-3.0-or-later
// The three-way match (issue 18): the demo bank's invoice faults found at their exact scope and amount, honest
// invoices matching contract, delivery and FOCUS, idle capacity priced, and each three-way rule firing on an invoice
// crafted to break it.
#include "analytics/rulecatalog.h"
#include "checksupport.h"
#include "crypto/certificate.h"
#include "crypto/publickey.h"
#include "demo/invoicewriter.h"
#include "evidence/bundlewriter.h"
#include "guitestcase.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "store/sqlitedb.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;
using namespace capaudit::analytics;
using test::bankConfig;
using test::check;
using test::dump;
using test::ofRule;
using test::seconds;

namespace {

const char* const kInvoiceFaults = "sla-breach,double-invoiced-week,missing-sla-credit,invoiced-above-delivery";

QList<Finding> invoiceFindings(const CheckReport& report)
{
    QList<Finding> out;
    for (const Finding& f : report.findings)
        if (f.ruleId.startsWith(QLatin1String("invoice.")))
            out.append(f);
    return out;
}

qint64 countRows(const QString& casePath, const char* sql)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(casePath);
    if (!store)
        return -1;
    Result<qint64> n = (*store)->database().queryInt(sql);
    return n ? *n : -1;
}

} // namespace

class TestThreeWayMatch : public QObject {
    Q_OBJECT

    QTemporaryDir m_faultyDir, m_cleanDir;
    test::DemoCase m_faulty, m_clean;
    QJsonArray m_faults;
    CheckReport m_report, m_cleanReport;

    // The provider's demo signer (pki/), to sign invoices the tests craft.
    BundleSpec signedBy(const QString& demoDir, const QString& providerId) const
    {
        BundleSpec spec;
        spec.key = *crypto::PrivateKey::fromPem(
            test::readAll(demoDir + QStringLiteral("/pki/%1-signer.key.pem").arg(providerId)));
        spec.chain = *crypto::Certificate::listFromPem(
            test::readAll(demoDir + QStringLiteral("/pki/%1-signer-chain.pem").arg(providerId)));
        return spec;
    }

    ImportResult importInvoice(const demo::DemoInvoice& invoice, const QString& provider, const QString& name,
        const QByteArray& from = {}, const QByteArray& to = {})
    {
        BundleSpec spec = signedBy(m_clean.demoDir, QStringLiteral("provider-a"));
        spec.kind = BundleKind::Invoice;
        spec.predicate = { { QStringLiteral("provider"), provider },
            { QStringLiteral("payloads"),
                QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/invoice.xml") },
                    { QStringLiteral("format"), invoice.syntax } } } } };
        QByteArray xml = demo::invoiceXml(invoice);
        if (!from.isEmpty())
            xml.replace(from, to);
        spec.files = { { QStringLiteral("invoice.xml"), xml } };
        spec.signedAt = QDateTime::fromSecsSinceEpoch(invoice.issueDate + 3600, Qt::UTC);
        return importSigned(spec, name);
    }

    ImportResult importSigned(const BundleSpec& spec, const QString& name)
    {
        const QString out = m_cleanDir.filePath(name);
        if (Status s = writeBundle(spec, out); !s.ok())
            qFatal("%s", qPrintable(s.error().toString()));
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_clean.casePath);
        if (!store)
            qFatal("%s", qPrintable(store.error().toString()));
        return CaseImporter(**store).importBundle(out);
    }

    QString providerName(const QString& providerId) const
    {
        const QJsonObject manifest = *parseJsonObject(
            test::readAll(m_clean.demoDir + QStringLiteral("/manifest.json")), QStringLiteral("manifest.json"));
        for (const QJsonValue& b : manifest.value(QStringLiteral("bundles")).toArray())
            if (b.toObject()
                    .value(QStringLiteral("path"))
                    .toString()
                    .startsWith(QStringLiteral("bundles/") + providerId))
                return b.toObject().value(QStringLiteral("provider")).toString();
        return {};
    }

private slots:
    void initTestCase()
    {
        Result<test::DemoCase> faulty =
            test::makeDemoCase(m_faultyDir.path(), bankConfig(QLatin1String(kInvoiceFaults)));
        QVERIFY2(faulty, qPrintable(faulty ? QString() : faulty.error().toString()));
        m_faulty = *faulty;
        Result<test::DemoCase> clean = test::makeDemoCase(m_cleanDir.path(), bankConfig(QStringLiteral("none")));
        QVERIFY2(clean, qPrintable(clean ? QString() : clean.error().toString()));
        m_clean = *clean;
        Result<QJsonObject> faults = parseJsonObject(
            test::readAll(m_faulty.demoDir + QStringLiteral("/faults.json")), QStringLiteral("faults.json"));
        QVERIFY(faults);
        for (const QJsonValue& f : faults->value(QStringLiteral("faults")).toArray())
            if (f.toObject().value(QStringLiteral("rule")).toString().startsWith(QLatin1String("invoice.")))
                m_faults.append(f);
        QCOMPARE(m_faults.size(), 3);
        m_report = check(m_faulty.casePath);
        m_cleanReport = check(m_clean.casePath);
    }

    void everyInvoiceFaultIsFoundAtItsScopeAndAmount_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_faults.size(); ++i)
            QTest::newRow(qPrintable(m_faults.at(i).toObject().value(QStringLiteral("fault")).toString())) << i;
    }

    void everyInvoiceFaultIsFoundAtItsScopeAndAmount()
    {
        QFETCH(int, index);
        const QJsonObject fault = m_faults.at(index).toObject();
        const QJsonObject expected = fault.value(QStringLiteral("expected")).toObject();
        const Period window { seconds(fault.value(QStringLiteral("start"))),
            seconds(fault.value(QStringLiteral("end"))) };
        QVERIFY(window.start > 0 && window.end > window.start);
        QStringList rules { fault.value(QStringLiteral("rule")).toString() };
        for (const QJsonValue& also : fault.value(QStringLiteral("alsoTriggers")).toArray())
            rules.append(also.toString());
        for (const QString& rule : std::as_const(rules)) {
            const QList<Finding> candidates = ofRule(m_report, rule);
            QList<Finding> found;
            for (const Finding& f : candidates)
                if (f.provider == fault.value(QStringLiteral("provider")).toString() && f.range.start == window.start
                    && f.range.end == window.end
                    && f.resourceClass == fault.value(QStringLiteral("resourceClass")).toString())
                    found.append(f);
            QVERIFY2(found.size() == 1,
                qPrintable(QStringLiteral("%1 / %2 at its scope: %3 found among\n%4")
                               .arg(fault.value(QStringLiteral("fault")).toString(), rule)
                               .arg(found.size())
                               .arg(dump(candidates))));
            const Finding& f = found.first();
            QVERIFY(f.severity >= Severity::High);
            QVERIFY(!f.evidence.isEmpty());
            QCOMPARE(f.currency, expected.value(QStringLiteral("currency")).toString());
            if (rule != fault.value(QStringLiteral("rule")).toString())
                continue;
            const double want = expected.value(QStringLiteral("amount")).toDouble();
            QVERIFY(want > 1);
            QVERIFY2(qAbs(f.amount - want) <= 0.01 * want,
                qPrintable(QStringLiteral("amount %1, injected %2").arg(f.amount).arg(want)));
            // The three-way table marks its line.
            bool marked = false;
            for (const ThreeWayLine& l : m_report.threeWay)
                marked = marked || l.findings.contains(f.id);
            QVERIFY(marked || rule == QLatin1String(rules::kInvoiceDuplicate));
        }
        QVERIFY(m_report.failed());
    }

    void noOtherInvoiceFindings()
    {
        // Besides the faults (and the not-billed line the inflated invoice also raises), the bank's invoices hold.
        const QList<Finding> all = invoiceFindings(m_report);
        QCOMPARE(all.size(), qsizetype(4));
        QVERIFY2(ofRule(m_report, QLatin1String(rules::kInvoiceArithmetic)).isEmpty(), qPrintable(dump(all)));
        QCOMPARE(countRows(m_faulty.casePath, "SELECT count(*) FROM invoices WHERE syntax = 'cii-d16b'"), qint64(1));
    }

    void honestInvoicesMatchEveryLeg()
    {
        QVERIFY2(invoiceFindings(m_cleanReport).isEmpty(), qPrintable(dump(invoiceFindings(m_cleanReport))));
        int match = 0, idle = 0;
        double idleAmount = 0;
        for (const ThreeWayLine& l : m_cleanReport.threeWay) {
            QCOMPARE(l.status, QStringLiteral("match"));
            QVERIFY(l.kind != u"sla-credit"); // no breach, no credit owed
            QCOMPARE(l.currency, QStringLiteral("EUR"));
            QVERIFY(!l.invoices.isEmpty());
            if (l.kind == u"match") {
                ++match;
                QVERIFY2(qAbs(l.invoicedQuantity - l.allocatedQuantity) <= 0.001 * l.allocatedQuantity + 0.01,
                    qPrintable(QJsonDocument(l.toJson()).toJson()));
                QVERIFY(qAbs(l.invoicedAmount - l.billedAmount) <= 0.001 * l.billedAmount + 0.05);
                QCOMPARE(l.duplicateAmount, 0.0);
                QVERIFY(l.committedQuantity > 0);
                QVERIFY(test::near(l.expectedCharge, l.committedQuantity * l.contractedPrice));
                QVERIFY(l.deliveredQuantity > 0);
            } else {
                QCOMPARE(l.kind, QStringLiteral("idle"));
                ++idle;
                // Hour by hour, so at least the net shortfall and at most the whole commitment.
                QVERIFY(l.idleQuantity >= qMax(0.0, l.committedQuantity - l.allocatedQuantity) - 1e-6);
                QVERIFY(l.idleQuantity <= l.committedQuantity + 1e-6);
                QVERIFY(test::near(l.idleAmount, l.idleQuantity * l.contractedPrice));
                idleAmount += l.idleAmount;
            }
        }
        QCOMPARE(match, idle);
        QVERIFY(match >= 6); // 3 providers x their committed classes
        QVERIFY(idleAmount > 0); // the buyer pays for capacity no tenant used
    }

    void jsonCarriesTheTableAndIsStable()
    {
        const QByteArray first = canonicalJson(m_report.toJson());
        const QJsonArray table = m_report.toJson().value(QStringLiteral("threeWayMatch")).toArray();
        QVERIFY(!table.isEmpty());
        bool hasMatch = false;
        for (const QJsonValue& row : table)
            if (row.toObject().value(QStringLiteral("kind")).toString() == u"match")
                hasMatch = row.toObject().contains(QStringLiteral("invoicedMinusBilled"));
        QVERIFY(hasMatch);
        QCOMPARE(canonicalJson(check(m_faulty.casePath, defaultPolicy(), {}, 1).toJson()), first);
    }

    void importedInvoicesVerify()
    {
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faulty.casePath);
        QVERIFY(store);
        const CaseVerification v = verifyCase(**store);
        QVERIFY(v.problems.isEmpty());
        QVERIFY(countRows(m_faulty.casePath, "SELECT count(*) FROM invoice_lines") > 10);
        QVERIFY(countRows(m_faulty.casePath, "SELECT count(*) FROM bundle_files WHERE path = 'data/invoice.pdf'") >= 3);
    }

    // Switches and thresholds come from the policy; a line never cites a finding the run dropped.
    void policyDecides()
    {
        const CheckReport r = check(m_faulty.casePath,
            test::policyFrom(R"({"name":"lenient","rules":{"invoice.duplicate":{"enabled":false},)"
                             R"("invoice.not-delivered":{"thresholds":{"relativeTolerance":0.5}}}})"));
        QVERIFY(ofRule(r, QLatin1String(rules::kInvoiceDuplicate)).isEmpty());
        QVERIFY(ofRule(r, QLatin1String(rules::kInvoiceNotDelivered)).isEmpty());
        QCOMPARE(ofRule(r, QLatin1String(rules::kInvoiceSlaCredit)).size(), qsizetype(1));
        QSet<QString> ids;
        for (const Finding& f : r.findings)
            ids.insert(f.id);
        for (const ThreeWayLine& l : r.threeWay)
            for (const QString& id : l.findings)
                QVERIFY2(ids.contains(id), qPrintable(id));
        // The duplicate is still counted once in the legs even when its rule is off.
        bool duplicateCounted = false;
        for (const ThreeWayLine& l : r.threeWay)
            duplicateCounted = duplicateCounted || l.duplicateAmount > 1;
        QVERIFY(duplicateCounted);
    }

    // A credit note for the period settles the SLA credit the faulty bank's invoice kept (run after the fault tests:
    // it adds evidence to the faulty case).
    void creditNoteSettlesTheSlaCredit()
    {
        QJsonObject fault;
        for (const QJsonValue& f : std::as_const(m_faults))
            if (f.toObject().value(QStringLiteral("fault")).toString() == u"missing-sla-credit")
                fault = f.toObject();
        QVERIFY(!fault.isEmpty());
        const QString provider = fault.value(QStringLiteral("provider")).toString();
        const double owed =
            fault.value(QStringLiteral("expected")).toObject().value(QStringLiteral("amount")).toDouble();
        const double vat = std::floor(owed * 19 + 0.5) / 100;
        const QByteArray net = QByteArray::number(owed, 'f', 2);
        QByteArray xml = test::readAll(QStringLiteral(CAPAUDIT_TEST_DATA_DIR "/einvoice/ubl-creditnote.xml"));
        xml.replace(">294.00<", ">" + net + "<")
            .replace(">55.86<", ">" + QByteArray::number(vat, 'f', 2) + "<")
            .replace(">349.86<", ">" + QByteArray::number(net.toDouble() + vat, 'f', 2) + "<");
        BundleSpec spec = signedBy(m_faulty.demoDir, fault.value(QStringLiteral("providerId")).toString());
        spec.kind = BundleKind::Invoice;
        spec.predicate = { { QStringLiteral("provider"), provider },
            { QStringLiteral("payloads"),
                QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/creditnote.xml") },
                    { QStringLiteral("format"), QStringLiteral("ubl-2.1") } } } } };
        spec.files = { { QStringLiteral("creditnote.xml"), xml } };
        spec.signedAt = QDateTime::fromSecsSinceEpoch(seconds(fault.value(QStringLiteral("end"))) + 5 * 86400, Qt::UTC);
        const QString out = m_faultyDir.filePath(QStringLiteral("creditnote"));
        QVERIFY(writeBundle(spec, out).ok());
        {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_faulty.casePath);
            QVERIFY(store);
            const ImportResult r = CaseImporter(**store).importBundle(out);
            QVERIFY2(r.ok(), qPrintable(r.error.toString()));
        }
        const CheckReport after = check(m_faulty.casePath);
        for (const Finding& f : ofRule(after, QLatin1String(rules::kInvoiceSlaCredit)))
            QVERIFY2(f.provider != provider, qPrintable(dump({ f })));
        QVERIFY(ofRule(after, QLatin1String(rules::kInvoiceArithmetic)).isEmpty()); // the credit note adds up
        bool credited = false;
        for (const ThreeWayLine& l : after.threeWay)
            if (l.provider == provider && l.kind == u"sla-credit")
                credited = test::near(l.creditGiven, net.toDouble()) && l.status == u"match";
        QVERIFY(credited);
    }

    // Runs last: it adds crafted invoices to the honest case.
    void craftedInvoicesBreakEachRule()
    {
        const QString provider = providerName(QStringLiteral("provider-a"));
        QVERIFY(!provider.isEmpty());
        const ThreeWayLine* line = nullptr;
        for (const ThreeWayLine& l : m_cleanReport.threeWay)
            if (l.provider == provider && l.kind == u"match" && !line)
                line = &l;
        QVERIFY(line);
        demo::DemoInvoice inv;
        inv.currency = QStringLiteral("EUR");
        inv.seller = provider;
        inv.buyer = QStringLiteral("Acme Corp");
        inv.periodStart = line->period.start;
        inv.periodEnd = line->period.end;
        inv.issueDate = line->period.end;
        const double price = line->contractedPrice;
        auto lineOf = [&](const QString& id, qint64 start, qint64 end, double quantity) {
            return demo::DemoInvoiceLine { id, QStringLiteral("hours"), line->resourceClass, start, end, quantity,
                price, std::floor(quantity * price * 100 + 0.5) / 100 };
        };

        // Currency: the contract is in EUR.
        demo::DemoInvoice usd = inv;
        usd.id = QStringLiteral("X-USD");
        usd.currency = QStringLiteral("USD");
        usd.periodStart = usd.periodEnd = 0;
        usd.lines = { lineOf(QStringLiteral("1"), line->period.start, line->period.start + 86400, 1) };
        usd.periodStart = line->period.start;
        usd.periodEnd = line->period.start + 86400;
        QVERIFY(importInvoice(usd, provider, QStringLiteral("usd")).ok());
        // Period: a line after the contract's end.
        demo::DemoInvoice late = inv;
        late.id = QStringLiteral("X-LATE");
        late.periodStart = line->period.end;
        late.periodEnd = line->period.end + 7 * 86400;
        late.lines = { lineOf(QStringLiteral("1"), late.periodStart, late.periodEnd, 10) };
        QVERIFY(importInvoice(late, provider, QStringLiteral("late")).ok());
        // Arithmetic: a payable amount that does not add up (the XML is edited after writing).
        demo::DemoInvoice wrong = inv;
        wrong.id = QStringLiteral("X-SUM");
        wrong.periodStart = line->period.start;
        wrong.periodEnd = line->period.start + 86400;
        wrong.lines = { lineOf(QStringLiteral("1"), wrong.periodStart, wrong.periodEnd, 2) };
        const QByteArray payable = QByteArray::number(wrong.taxExclusive() + wrong.vat(), 'f', 2);
        QVERIFY(importInvoice(wrong, provider, QStringLiteral("wrong"), ">" + payable + "</cbc:PayableAmount",
            ">" + QByteArray::number(wrong.taxExclusive() + wrong.vat() + 100, 'f', 2) + "</cbc:PayableAmount")
                    .ok());
        // A restated attestation (signed before the period, so it governs) that commits ten times the capacity:
        // delivery now falls short of the commitment.
        {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(m_clean.casePath);
            QVERIFY(store);
            QJsonObject predicate;
            const Result<QList<StoredBundle>> bundles = (*store)->bundles();
            QVERIFY(bundles.ok());
            for (const StoredBundle& b : *bundles)
                if (b.kind == BundleKind::Attestation && b.provider == provider)
                    predicate = b.predicate;
            QVERIFY(!predicate.isEmpty());
            QJsonArray commitments;
            for (const QJsonValue& v : predicate.value(QStringLiteral("commitments")).toArray()) {
                QJsonObject c = v.toObject();
                c.insert(QStringLiteral("quantity"), c.value(QStringLiteral("quantity")).toDouble() * 10);
                commitments.append(c);
            }
            predicate.insert(QStringLiteral("commitments"), commitments);
            predicate.remove(QStringLiteral("signedAt"));
            BundleSpec spec = signedBy(m_clean.demoDir, QStringLiteral("provider-a"));
            spec.kind = BundleKind::Attestation;
            spec.predicate = predicate;
            spec.files = { { QStringLiteral("contract.txt"), QByteArray("restated\n") } };
            spec.signedAt = QDateTime::fromSecsSinceEpoch(line->period.start - 13 * 3600, Qt::UTC);
            const ImportResult restated = importSigned(spec, QStringLiteral("restated"));
            QVERIFY2(restated.ok(), qPrintable(restated.error.toString()));
        }
        // Over the contract: the full committed charge while delivery is what the telemetry shows, claimed again on
        // a second invoice for the whole period.
        demo::DemoInvoice full = inv;
        full.id = QStringLiteral("X-FULL");
        full.lines = { lineOf(
            QStringLiteral("1"), line->period.start, line->period.end, std::ceil(line->committedQuantity * 12)) };
        QVERIFY(importInvoice(full, provider, QStringLiteral("full")).ok());

        const CheckReport r = check(m_clean.casePath);
        auto has = [&](const char* rule, const QString& subjectPrefix) {
            for (const Finding& f : ofRule(r, QLatin1String(rule)))
                if (f.provider == provider
                    && f.details.value(QStringLiteral("subject")).toString().startsWith(subjectPrefix))
                    return true;
            return false;
        };
        QVERIFY2(has(rules::kInvoiceMismatch, QStringLiteral("currency/X-USD")), qPrintable(dump(invoiceFindings(r))));
        QVERIFY2(has(rules::kInvoiceMismatch, QStringLiteral("period/X-LATE")), qPrintable(dump(invoiceFindings(r))));
        QVERIFY(has(rules::kInvoiceNotBilled, QString()));
        QVERIFY(has(rules::kInvoiceNotDelivered, QString()));
        // The whole period claimed twice (the honest invoice and X-FULL): a duplicate over the whole period.
        QVERIFY(has(rules::kInvoiceDuplicate, QString()));
        QVERIFY2(
            has(rules::kInvoiceArithmetic, QStringLiteral("X-SUM/BR-CO-16")), qPrintable(dump(invoiceFindings(r))));
        QByteArray lines;
        for (const ThreeWayLine& l : r.threeWay)
            if (l.provider == provider && l.kind == u"match")
                if (l.period.end - l.period.start > 86400)
                    lines += QJsonDocument(l.toJson()).toJson(QJsonDocument::Compact) + '\n';
        QVERIFY2(has(rules::kInvoiceCommitment, QString()), lines.constData());
    }
};

QTEST_GUILESS_MAIN(TestThreeWayMatch)
#include "tst_threewaymatch.moc"
