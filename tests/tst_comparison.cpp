// SPDX-License-Identifier: GPL-3.0-or-later
// Bid comparison: hand-built provider facts with known scores and ranking, weights, sensitivity, weights in a case.
#include "analytics/comparison.h"
#include "demo/demogenerator.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "testsupport.h"
#include "util/jsonutil.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace capaudit;
using namespace capaudit::analytics;

namespace {

struct Bid {
    QString name;
    double delivered = 100; // of 100 committed cpu cores
    double availability = 0.999;
    double costPerUnit = 1.0; // billed cost per allocated core-hour
    int high = 0; // high findings
    int verified = 3, untrusted = 0, rejected = 0;
    bool independent = true;
    QString currency = QStringLiteral("EUR");
};

BidderInput input(const Bid& b)
{
    BidderInput in;
    in.facts.provider = b.name;
    in.facts.currency = b.currency;
    in.facts.availability = b.availability;
    in.facts.availabilityTarget = 0.995;
    in.facts.bundlesVerified = b.verified;
    in.facts.bundlesUntrusted = b.untrusted;
    in.facts.bundlesRejected = b.rejected;
    in.facts.independentlyMetered = b.independent;
    ClassFacts cpu;
    cpu.unit = QStringLiteral("cores");
    cpu.committed = 100;
    cpu.deliveredMean = b.delivered;
    cpu.allocatedUnitHours = 1000;
    cpu.usedUnitHours = 800;
    cpu.billedQuantity = 1000;
    cpu.billedCost = 1000 * b.costPerUnit;
    in.facts.classes.insert(QStringLiteral("cpu"), cpu);
    if (b.high > 0)
        in.findings.insert(Severity::High, b.high);
    return in;
}

ComparisonWeights weights(double delivery, double sla, double cost, double findings, double assurance)
{
    ComparisonWeights w;
    w.weights = { { QStringLiteral("delivery"), delivery }, { QStringLiteral("sla"), sla },
        { QStringLiteral("cost"), cost }, { QStringLiteral("findings"), findings },
        { QStringLiteral("assurance"), assurance } };
    return w;
}

double score(const BidComparison& c, const QString& provider, const char* criterion)
{
    for (const BidderScore& b : c.bidders)
        if (b.provider == provider)
            return b.criteria.value(QString::fromLatin1(criterion)).score;
    return -1;
}

} // namespace

class TestComparison : public QObject {
    Q_OBJECT

private slots:
    void knownScoresAndRanking()
    {
        Bid a { QStringLiteral("alpha") };
        Bid b { QStringLiteral("beta"), 90, 0.99, 1.25, 1, 2, 1, 0, false };
        Bid c { QStringLiteral("gamma"), 70, 0.98, 2.0, 2, 1, 1, 1, false };
        const BidComparison r = compareBids({ input(c), input(a), input(b) }, ComparisonWeights::defaults());
        QCOMPARE(
            r.ranking(), (QStringList { QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma") }));
        QCOMPARE(r.bidders[0].rank, 1);
        QCOMPARE(r.bidders[2].rank, 3);
        // delivery 100 x delivered/committed
        QCOMPARE(score(r, QStringLiteral("beta"), criteria::kDelivery), 90.0);
        // SLA: downtime 1% against an allowed 0.5%: 100 / 2
        QVERIFY(std::abs(score(r, QStringLiteral("beta"), criteria::kSla) - 50) < 1e-9);
        QCOMPARE(score(r, QStringLiteral("alpha"), criteria::kSla), 100.0);
        QVERIFY(std::abs(score(r, QStringLiteral("gamma"), criteria::kSla) - 25) < 1e-9);
        // cost relative to the cheapest: 1 / 1.25, 1 / 2
        QCOMPARE(score(r, QStringLiteral("alpha"), criteria::kCost), 100.0);
        QVERIFY(std::abs(score(r, QStringLiteral("beta"), criteria::kCost) - 80) < 1e-9);
        QVERIFY(std::abs(score(r, QStringLiteral("gamma"), criteria::kCost) - 50) < 1e-9);
        // findings: 10 / (10 + 5 per high)
        QVERIFY(std::abs(score(r, QStringLiteral("beta"), criteria::kFindings) - 100.0 * 10 / 15) < 1e-9);
        // assurance: 80 x (verified + untrusted / 2) / all + 20 if independently metered
        QCOMPARE(score(r, QStringLiteral("alpha"), criteria::kAssurance), 100.0);
        QVERIFY(std::abs(score(r, QStringLiteral("beta"), criteria::kAssurance) - 80 * 2.5 / 3) < 1e-9);
        QVERIFY(std::abs(score(r, QStringLiteral("gamma"), criteria::kAssurance) - 80 * 1.5 / 3) < 1e-9);
        // equal weights: the mean of the five scores
        const double betaTotal = (90 + 50 + 80 + 100.0 * 10 / 15 + 80 * 2.5 / 3) / 5;
        QVERIFY(std::abs(r.bidders[1].total - betaTotal) < 1e-9);
        QVERIFY(r.stable);
        QCOMPARE(r.verdict, QStringLiteral("ranking stable"));
        QVERIFY(r.flips.isEmpty());
        QVERIFY(r.notes.isEmpty());
    }

    void weightsChangeRanking()
    {
        // cheap: half the price, but twice the allowed downtime; reliable: the reverse.
        const Bid cheap { QStringLiteral("cheap"), 100, 0.99, 1.0 };
        const Bid reliable { QStringLiteral("reliable"), 100, 0.999, 2.0 };
        const QList<BidderInput> bids { input(cheap), input(reliable) };
        QCOMPARE(compareBids(bids, weights(1, 1, 4, 1, 1)).ranking().first(), QStringLiteral("cheap"));
        QCOMPARE(compareBids(bids, weights(1, 4, 1, 1, 1)).ranking().first(), QStringLiteral("reliable"));
        // Equal weights: both score 50 on their weak criterion, a tie broken by name.
        const BidComparison tie = compareBids(bids, ComparisonWeights::defaults());
        QVERIFY(qFuzzyCompare(tie.bidders[0].total, tie.bidders[1].total));
        QCOMPARE(tie.ranking().first(), QStringLiteral("cheap"));
        // Weights are relative: scaling them all changes nothing.
        QCOMPARE(canonicalJson(compareBids(bids, weights(2, 8, 2, 2, 2)).toJson()),
            canonicalJson(compareBids(bids, weights(1, 4, 1, 1, 1)).toJson()));
    }

    void sensitivityDetectsNearTie()
    {
        // cheap scores 100 on cost and 50 on SLA; reliable 45.45 on cost (1 / 2.2) and 100 on SLA. With the SLA
        // weighted 1.1 against 1 for the others: reliable - cheap = (1.1 x 50 + 45.45 - 100) / 5.1 = 0.09 points.
        // SLA x 0.9 gives (49.5 + 45.45 - 100) / 5.09 < 0, cost x 1.1 gives (55 - 1.1 x 54.55) / 5.2 < 0.
        const Bid cheap { QStringLiteral("cheap"), 100, 0.99, 1.0 };
        const Bid reliable { QStringLiteral("reliable"), 100, 0.999, 2.2 };
        const QList<BidderInput> bids { input(cheap), input(reliable) };
        const BidComparison near = compareBids(bids, weights(1, 1.1, 1, 1, 1));
        QCOMPARE(near.ranking().first(), QStringLiteral("reliable"));
        QVERIFY(!near.stable);
        QVERIFY2(near.verdict.startsWith(QStringLiteral("ranking sensitive to ")), qPrintable(near.verdict));
        QVERIFY(near.verdict.contains(QStringLiteral("sla")));
        QVERIFY(near.verdict.contains(QStringLiteral("cost")));
        bool slaDown = false, costUp = false;
        for (const SensitivityFlip& f : near.flips) {
            QCOMPARE(f.above, QStringLiteral("reliable"));
            QCOMPARE(f.below, QStringLiteral("cheap"));
            slaDown = slaDown || (f.criterion == u"sla" && std::abs(f.factor - 0.9) < 1e-12);
            costUp = costUp || (f.criterion == u"cost" && std::abs(f.factor - 1.1) < 1e-12);
            // Moving the weight of a criterion where both score the same cannot reorder them.
            QVERIFY(f.criterion != u"delivery" && f.criterion != u"findings" && f.criterion != u"assurance");
        }
        QVERIFY(slaDown && costUp);
        // The flips are real: re-ranking with the changed weight gives the other order.
        ComparisonWeights changed = near.weights;
        changed.weights[QStringLiteral("sla")] *= 0.9;
        QCOMPARE(rankBidders(near.bidders, changed).first(), QStringLiteral("cheap"));

        // A clear winner stays first whatever weight moves by 10%.
        const Bid better { QStringLiteral("better"), 100, 0.999, 1.0 };
        const BidComparison clear =
            compareBids({ input(better), input(reliable), input(cheap) }, weights(1, 1.1, 1, 1, 1));
        QCOMPARE(clear.ranking().first(), QStringLiteral("better"));
        for (const SensitivityFlip& f : clear.flips)
            QVERIFY(f.above != u"better");
        const BidComparison alone = compareBids({ input(better), input(cheap) }, weights(1, 1.1, 1, 1, 1));
        QVERIFY(alone.stable);
        QCOMPARE(alone.verdict, QStringLiteral("ranking stable"));
    }

    void missingEvidenceAndCurrencies()
    {
        Bid a { QStringLiteral("a") };
        Bid b { QStringLiteral("b") };
        b.currency = QStringLiteral("USD");
        BidderInput noState = input(b);
        noState.facts.availability = kMissing;
        const BidComparison r = compareBids({ input(a), noState }, ComparisonWeights::defaults());
        QCOMPARE(score(r, QStringLiteral("b"), criteria::kSla), 0.0);
        QVERIFY(!r.bidders[1].criteria.value(QStringLiteral("sla")).available);
        QCOMPARE(r.notes.size(), 2);
        QVERIFY(r.notes[0].contains(QStringLiteral("EUR, USD")));
        QVERIFY(r.notes[1].startsWith(QStringLiteral("b: sla")));
    }

    void weightsJson()
    {
        const ComparisonWeights w = weights(1, 2, 3, 0, 4);
        const Result<ComparisonWeights> back = ComparisonWeights::fromJson(w.toJson(), QStringLiteral("w.json"));
        QVERIFY(back.ok());
        QCOMPARE(back->weights, w.weights);
        const ComparisonWeights n = w.normalized();
        QCOMPARE(n.weights.value(QStringLiteral("assurance")), 0.4);
        QCOMPARE(n.weights.value(QStringLiteral("findings")), 0.0);

        auto error = [](const QByteArray& text) {
            const Result<ComparisonWeights> r =
                ComparisonWeights::fromJson(*parseJsonObject(text, QStringLiteral("w.json")), QStringLiteral("w.json"));
            return r.ok() ? QString() : r.error().field;
        };
        QCOMPARE(error(R"({"weights":{"delivery":1,"sla":1,"cost":1,"findings":1,"assurance":1,"price":1}})"),
            QStringLiteral("weights/price"));
        QCOMPARE(error(R"({"weights":{"delivery":1,"sla":-1,"cost":1,"findings":1,"assurance":1}})"),
            QStringLiteral("weights/sla"));
        QCOMPARE(
            error(R"({"weights":{"delivery":1,"sla":1,"cost":1,"findings":1}})"), QStringLiteral("weights/assurance"));
        QCOMPARE(error(R"({"weights":{"delivery":0,"sla":0,"cost":0,"findings":0,"assurance":0}})"),
            QStringLiteral("weights"));
        QCOMPARE(error(R"({"weights":{"delivery":1,"sla":1,"cost":1,"findings":1,"assurance":1},"x":1})"),
            QStringLiteral("x"));
        QCOMPARE(error(R"({"weights":{"delivery":1,"sla":1,"cost":1,"findings":1,"assurance":1}})"), QString());
    }

    void weightsRoundTripThroughCase()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("w.capcase"));
        Result<std::unique_ptr<CaseStore>> store = CaseStore::create(path, QStringLiteral("w"), {});
        QVERIFY2(store.ok(), qPrintable(store.error().toString()));
        Result<ComparisonWeights> none = loadWeights(**store);
        QVERIFY(none.ok());
        QCOMPARE(none->weights, ComparisonWeights::defaults().weights);
        const ComparisonWeights w = weights(1, 2, 3, 0.5, 4);
        QVERIFY(saveWeights(**store, w).ok());
        store->reset();
        Result<std::unique_ptr<CaseStore>> reopened = CaseStore::open(path);
        QVERIFY(reopened.ok());
        Result<ComparisonWeights> loaded = loadWeights(**reopened);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->weights, w.weights);
        const Result<QList<TrailEntry>> trail = (*reopened)->trail();
        QVERIFY(trail.ok());
        QCOMPARE(trail->last().action, QStringLiteral("weights-saved"));
    }

    // The verdict moves the ranking: a bidder that delivers its capacity in a forbidden jurisdiction and falls short
    // for three days must not keep "delivery 100". Each finding multiplies its rule's criterion by its severity's
    // factor, and the adjustment names the rule, the severity and the findings.
    void findingsLowerTheirCriterionAndExplainTheRanking()
    {
        Bid clean { QStringLiteral("clean"), 95, 0.999, 1.1 };
        Bid faulty { QStringLiteral("faulty"), 100, 0.999, 1.0 };
        BidderInput in = input(faulty);
        auto finding = [](const char* rule, Severity severity, const QString& id) {
            Finding f;
            f.ruleId = QLatin1String(rule);
            f.severity = severity;
            f.provider = QStringLiteral("faulty");
            f.id = id;
            return f;
        };
        in.findingList = { finding("sovereignty.jurisdiction", Severity::Critical, QStringLiteral("s/1")),
            finding("capacity.delivered", Severity::High, QStringLiteral("d/1")),
            finding("billing.reconciliation", Severity::Medium, QStringLiteral("b/1")),
            finding("attestation.versions", Severity::High, QStringLiteral("v/1")),
            finding("evidence.assurance", Severity::Info, QStringLiteral("i/1")) };
        in.findings = { { Severity::Critical, 1 }, { Severity::High, 2 }, { Severity::Medium, 1 } };
        // The findings criterion weighs 0 here: only the criteria the findings hit move the ranking.
        const BidComparison r = compareBids({ input(clean), in }, weights(1, 1, 1, 0, 1));
        const BidderScore& f = r.bidders.last();
        QCOMPARE(f.provider, QStringLiteral("faulty"));
        QCOMPARE(criterionOfRule(QStringLiteral("sovereignty.jurisdiction")), QStringLiteral("delivery"));
        QCOMPARE(criterionOfRule(QStringLiteral("telemetry.step")), QStringLiteral("assurance"));
        // Issue 18: invoice accuracy weighs on cost, like the bill's.
        QCOMPARE(criterionOfRule(QStringLiteral("invoice.duplicate")), QStringLiteral("cost"));
        QCOMPARE(criterionOfRule(QStringLiteral("invoice.sla-credit")), QStringLiteral("cost"));
        QVERIFY(std::abs(f.criteria.value(QStringLiteral("delivery")).score - 100 * 0.25 * 0.6) < 1e-9);
        QCOMPARE(f.criteria.value(QStringLiteral("delivery")).unadjusted, 100.0);
        QVERIFY(std::abs(f.criteria.value(QStringLiteral("cost")).score - 100 * 0.85) < 1e-9);
        QVERIFY(std::abs(f.criteria.value(QStringLiteral("assurance")).score - 100 * 0.6) < 1e-9);
        QCOMPARE(f.criteria.value(QStringLiteral("sla")).score, 100.0); // no sla.* finding
        // Four groups (info weighs nothing); the shares of the delivery drop add up to it.
        QCOMPARE(f.adjustments.size(), 4);
        double deliveryPoints = 0;
        for (const ScoreAdjustment& a : f.adjustments)
            if (a.criterion == u"delivery")
                deliveryPoints += a.points;
        QVERIFY(std::abs(deliveryPoints - (100 - 15)) < 1e-9);
        const auto sovereignty = std::find_if(f.adjustments.begin(), f.adjustments.end(),
            [](const ScoreAdjustment& a) { return a.ruleId == u"sovereignty.jurisdiction"; });
        QVERIFY(sovereignty != f.adjustments.end());
        QCOMPARE(sovereignty->findingIds, QStringList { QStringLiteral("s/1") });
        QCOMPARE(sovereignty->factor, 0.25);
        // Without its findings it would rank first; the note and the JSON say so.
        QCOMPARE(f.rank, 2);
        QCOMPARE(f.unadjustedRank, 1);
        QVERIFY(f.unadjustedTotal > f.total);
        const QString note = r.notes.value(0);
        QVERIFY2(note.startsWith(QStringLiteral("faulty: findings lowered delivery 100.0 -> 15.0 (capacity.delivered "
                                                "high x1: -22.9, sovereignty.jurisdiction critical x1: -62.1); cost")),
            qPrintable(note));
        QVERIFY(note.contains(QStringLiteral("rank 2 (1 without the findings)")));
        const QJsonObject json = f.toJson();
        QCOMPARE(json.value(QStringLiteral("unadjustedRank")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("adjustments")).toArray().size(), 4);
        // A bidder without findings is not adjusted and carries no note.
        QVERIFY(r.bidders.first().adjustments.isEmpty());
        QCOMPARE(r.notes.size(), 1);
    }

    void cliCompareOnDemoCase();
};

void TestComparison::cliCompareOnDemoCase()
{
    QTemporaryDir tmp;
    demo::DemoConfig config;
    config.seed = 3;
    config.days = 7;
    config.stepSeconds = 900;
    config.providers = 3;
    config.nodesPerProvider = 4;
    const QString dir = tmp.filePath(QStringLiteral("demo"));
    const Result<demo::DemoSummary> summary = demo::generateDemo(config, dir);
    QVERIFY2(summary.ok(), qPrintable(summary.error().toString()));
    const Result<TrustStore> trust = TrustStore::loadDirectory(dir + QStringLiteral("/trust"));
    QVERIFY(trust.ok());
    const QString casePath = tmp.filePath(QStringLiteral("demo.capcase"));
    {
        Result<std::unique_ptr<CaseStore>> store =
            CaseStore::create(casePath, QStringLiteral("demo"), trust->anchors());
        QVERIFY(store.ok());
        CaseImporter importer(**store);
        const QJsonObject manifest = *parseJsonObject(test::readAll(dir + QStringLiteral("/manifest.json")), {});
        for (const QJsonValue& b : manifest.value(QStringLiteral("bundles")).toArray())
            (void)importer.importBundle(
                dir + QLatin1Char('/') + b.toObject().value(QStringLiteral("path")).toString(), {});
    }
    auto run = [&](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(CAPAUDIT_CLI_PATH), args);
        p.waitForFinished(300000);
        return std::make_pair(p.exitCode(), p.readAllStandardOutput());
    };
    const QString weightsPath = tmp.filePath(QStringLiteral("weights.json"));
    QFile file(weightsPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"weights":{"delivery":1,"sla":1,"cost":2,"findings":0,"assurance":0}})");
    file.close();
    const auto first = run(
        { QStringLiteral("compare"), casePath, QStringLiteral("--weights"), weightsPath, QStringLiteral("--json") });
    QCOMPARE(first.first, 0);
    const QJsonObject json = *parseJsonObject(first.second, QStringLiteral("stdout"));
    QCOMPARE(json.value(QStringLiteral("bidders")).toArray().size(), 3);
    QCOMPARE(json.value(QStringLiteral("weights"))
                 .toObject()
                 .value(QStringLiteral("weights"))
                 .toObject()
                 .value(QStringLiteral("cost"))
                 .toDouble(),
        0.5);
    // The weights were saved in the case: a run without --weights uses them and gives the same bytes.
    const auto second = run({ QStringLiteral("compare"), casePath, QStringLiteral("--json") });
    QCOMPARE(second.first, 0);
    QCOMPARE(second.second, first.second);
    const auto human = run({ QStringLiteral("compare"), casePath });
    QCOMPARE(human.first, 0);
    QVERIFY(human.second.contains("ranking:"));
    QVERIFY(human.second.contains("sensitivity"));
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(R"({"weights":{"delivery":1}})");
    file.close();
    QCOMPARE(run({ QStringLiteral("compare"), casePath, QStringLiteral("--weights"), weightsPath }).first, 2);
}

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
