// SPDX-License-Identifier: GPL-3.0-or-later
// Older case files opened by this CapAudit: each schema version migrates forward and still verifies intact; the
// schema-4 migration infers anchor scopes only from what each anchor vouched for, and re-scoping is trailed. The
// meter the analyses see is the authorized one, whatever the stored claim says.
#include "casefixture.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseupgrade.h"
#include "store/caseverifier.h"
#include "store/schema.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace capaudit;
using namespace capaudit::test;

namespace {
// What a version-4 CapAudit did not have: the transparency-log history of migration 5 (triggers go with the tables).
} // namespace

class TestCaseMigration : public QObject, protected CaseFixture {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        initFixture();
    }

    // A version 2 case (before node-hour aggregates) is migrated forward on open: the new tables come with their
    // append-only triggers, and bundles imported from then on get aggregates that verify-case accepts.
    void migratesVersion2Case()
    {
        // Written as version 2 wrote it: the anchor without a scope.
        TrustAnchor unscoped = m_provider.anchor;
        unscoped.providers.clear();
        QVERIFY(CaseStore::create(path(QStringLiteral("v2.capcase")), QStringLiteral("v2"), { unscoped }));
        const QString file = path(QStringLiteral("v2.capcase"));
        QCOMPARE(downgradeToVersion6(file), QString());
        QCOMPARE(execSql(file,
                     downgradeToVersion4Sql()
                         + QStringLiteral("DROP TABLE node_hours; DROP TABLE node_hours_built; "
                                          "ALTER TABLE trust_anchors DROP COLUMN providers;"
                                          "ALTER TABLE trust_anchors DROP COLUMN identity_san;"
                                          "ALTER TABLE trust_anchors DROP COLUMN identity_issuer;"
                                          "DELETE FROM schema_migrations WHERE version >= 3; PRAGMA user_version = 2")),
            QString());
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name LIKE 'node_hours%'")),
            qint64(0));
        {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
            QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
            // The anchor vouched for nothing before the migration, so it has no scope and authorizes nothing until
            // the auditor scopes it.
            QCOMPARE(CaseImporter(**store).importBundle(m_bundle).outcome, ImportOutcome::Rejected);
            QVERIFY((*store)->addAnchor(m_provider.anchor));
            QCOMPARE(CaseImporter(**store).importBundle(m_bundle).outcome, ImportOutcome::Imported);
            const CaseVerification v = verifyCase(**store);
            QVERIFY2(v.intact(), QJsonDocument(v.toJson()).toJson().constData());
        }
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM schema_migrations WHERE version = 3")), qint64(1));
        QVERIFY(scalar(file, QStringLiteral("SELECT count(*) FROM node_hours")) > 0);
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM node_hours_built")), qint64(1));
        QVERIFY(execSql(file, QStringLiteral("UPDATE node_hours SET rows = 0")).contains(QLatin1String("append-only")));
    }

    // A version 4 case (before the transparency-log history) gets the two tables with their triggers; bundles imported
    // before have no checkpoint rows, and verify-case accepts that only because their files carry no trusted
    // checkpoint (the fixture's bundles have no tlog/proof.json).
    void migratesVersion4Case()
    {
        {
            std::unique_ptr<CaseStore> store = newCase(QStringLiteral("v4.capcase"));
            QVERIFY(store);
            QCOMPARE(CaseImporter(*store).importBundle(m_bundle).outcome, ImportOutcome::Imported);
        }
        const QString file = path(QStringLiteral("v4.capcase"));
        QCOMPARE(downgradeToVersion6(file), QString());
        QCOMPARE(execSql(file, downgradeToVersion4Sql()), QString());
        QCOMPARE(
            scalar(file, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name LIKE 'tlog_%'")), qint64(0));
        {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
            QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
            const CaseVerification v = verifyCase(**store);
            QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
        }
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM schema_migrations WHERE version = 5")), qint64(1));
        QCOMPARE(scalar(file,
                     QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                                    "'tlog_%'")),
            qint64(4));
    }

    void migratesVersion3CaseInferringScopes()
    {
        QString digest;
        {
            std::unique_ptr<CaseStore> store = newCase(QStringLiteral("v3.capcase"));
            QVERIFY(store);
            const ImportResult r = CaseImporter(*store).importBundle(m_bundle);
            QCOMPARE(r.outcome, ImportOutcome::Imported);
            digest = r.digest;
            TrustAnchor unscoped = m_stranger.anchor; // as version 3 recorded it: no scope
            unscoped.providers.clear();
            QVERIFY(store->addAnchor(unscoped)); // vouched for nothing yet
        }
        const QString file = path(QStringLiteral("v3.capcase"));
        QCOMPARE(downgradeToVersion6(file), QString());
        // Back to what a version-3 CapAudit wrote: no scope columns, verdicts without signer.authorized (the last
        // check) and without the anchor's fingerprint and scope.
        QCOMPARE(
            execSql(file,
                downgradeToVersion4Sql()
                    + QStringLiteral("DROP TRIGGER bundles_no_update;"
                                     "UPDATE bundles SET verdict_json = json_remove(verdict_json, '$.checks[#-1]', "
                                     "'$.signer.anchorFingerprint', '$.signer.anchorProviders');")
                    + schema::evidenceTrigger(QStringLiteral("bundles"), QStringLiteral("UPDATE"))
                    + QStringLiteral("ALTER TABLE trust_anchors DROP COLUMN providers;"
                                     "ALTER TABLE trust_anchors DROP COLUMN identity_san;"
                                     "ALTER TABLE trust_anchors DROP COLUMN identity_issuer;"
                                     "DELETE FROM schema_migrations WHERE version = 4; PRAGMA user_version = 3")),
            QString());
        QCOMPARE(
            scalar(file, QStringLiteral("SELECT count(*) FROM bundles WHERE verdict_json LIKE '%signer.authorized%'")),
            qint64(0));
        {
            Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
            QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
            Result<QList<CaseAnchor>> anchors = (*store)->anchors();
            QVERIFY(anchors);
            QCOMPARE(anchors->size(), 2);
            QCOMPARE(anchors->at(0).anchor.providers, QStringList { QStringLiteral("provider-a") });
            QCOMPARE(anchors->at(1).anchor.providers, QStringList());
            const TrailEntry last = (*store)->trail()->last();
            QCOMPARE(last.action, QLatin1String(trail::kMigration));
            const QJsonArray inferred = last.details.value(QStringLiteral("inferredScopes")).toArray();
            QCOMPARE(inferred.size(), 2);
            QCOMPARE(inferred.at(0).toObject().value(QStringLiteral("providers")).toArray(),
                QJsonArray { QStringLiteral("provider-a") });
            QCOMPARE(inferred.at(0).toObject().value(QStringLiteral("fingerprint")).toString(),
                m_provider.anchor.fingerprint);
            // The old bundle re-verifies under its inferred scope: the case stays intact.
            const CaseVerification v = verifyCase(**store);
            QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
            // Its samples are still rows (schema 3 stored them so); `case upgrade` moves them into blocks, with a
            // trail entry, and the rows digest recorded at the version-3 import still verifies.
            const qint64 rows = scalar(file, QStringLiteral("SELECT count(*) FROM samples"));
            QVERIFY(rows > 0);
            Result<CaseUpgrade> upgraded = upgradeCase(**store);
            QVERIFY2(upgraded, qPrintable(upgraded ? QString() : upgraded.error().toString()));
            QCOMPARE(upgraded->samples, rows);
            QCOMPARE((*store)->trail()->last().action, QLatin1String(trail::kCaseUpgraded));
            const CaseVerification after = verifyCase(**store);
            QVERIFY2(after.intact(), qPrintable(listed(after.problems)));
            QCOMPARE(after.rows, v.rows);
        }
        QCOMPARE(scalar(file, QStringLiteral("SELECT count(*) FROM samples")), qint64(0));
        QCOMPARE(scalar(file, QStringLiteral("PRAGMA user_version")), qint64(schema::currentVersion()));
        // The append-only trigger is back in place after the migration's one UPDATE.
        QVERIFY(execSql(file, QStringLiteral("UPDATE trust_anchors SET providers = '[]'"))
                    .contains(QLatin1String("append-only")));
    }

    void rescopingAnAnchorIsTrailed()
    {
        std::unique_ptr<CaseStore> store = newCase(QStringLiteral("rescope.capcase"));
        QVERIFY(store);
        QCOMPARE(CaseImporter(*store).importBundle(m_bundle).outcome, ImportOutcome::Imported);
        TrustAnchor wider = m_provider.anchor;
        wider.providers = { QStringLiteral("provider-a"), QStringLiteral("provider-b") };
        Result<CaseAnchor> added = store->addAnchor(wider);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().toString()));
        const QList<TrailEntry> trail = *store->trail();
        QCOMPARE(trail.at(trail.size() - 2).action, QLatin1String(trail::kAnchorRemoved));
        QCOMPARE(trail.last().action, QLatin1String(trail::kAnchorAdded));
        QCOMPARE(trail.last().details.value(QStringLiteral("providers")).toArray().size(), 2);
        QCOMPARE(trail.last().details.value(QStringLiteral("replaces")).toObject().value(QStringLiteral("providers")),
            QJsonValue(QJsonArray { QStringLiteral("provider-a") }));
        QCOMPARE(store->anchors()->size(), 1);
        QCOMPARE(store->anchors()->first().anchor.providers, wider.providers);
        QVERIFY(!store->addAnchor(wider)); // identical: already trusted
        TrustAnchor badRole = m_provider.anchor;
        badRole.role = QStringLiteral("owner");
        QVERIFY(!store->addAnchor(badRole));
        const CaseVerification v = verifyCase(*store);
        QVERIFY2(v.intact(), qPrintable(listed(v.problems)));
    }

    void meterClaimIsNotBelievedOnItsOwn()
    {
        // A provider-signed bundle whose stored meter says "independent" (an old case, or an edited row): the
        // analyses see provider telemetry, because no independent-meter anchor said it.
        std::unique_ptr<CaseStore> created = newCase(QStringLiteral("meter.capcase"));
        QVERIFY(created);
        QCOMPARE(CaseImporter(*created).importBundle(m_bundle).outcome, ImportOutcome::Imported);
        created.reset();
        const QString file = path(QStringLiteral("meter.capcase"));
        QCOMPARE(
            execSql(file, QStringLiteral("DROP TRIGGER bundles_no_update; UPDATE bundles SET meter = 'independent'")),
            QString());
        Result<std::unique_ptr<CaseStore>> store = CaseStore::open(file);
        QVERIFY(store);
        const StoredBundle b = (*store)->bundles()->first();
        QCOMPARE(b.claimedMeter, QStringLiteral("independent"));
        QCOMPARE(b.meter, QStringLiteral("provider"));
        SeriesQuery q { QStringLiteral("provider-a"), QStringLiteral("cpu"), kStart, kStart + 3600 };
        q.meter = QStringLiteral("independent");
        QVERIFY((*store)->series(q)->times.isEmpty());
        q.meter = QStringLiteral("provider");
        QVERIFY(!(*store)->series(q)->times.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCaseMigration)
#include "tst_casemigration.moc"
