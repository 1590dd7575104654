// SPDX-License-Identifier: GPL-3.0-or-later
// Profile hygiene (issue 12): strict JSON, re-encoded envelopes, every subject digest, the signer certificate
// profile, unusable CRLs and anchor selection by key (input limits and CSV neutralisation: tst_inputlimits). Each test
// fails when its defence is removed.
#include "casefixture.h"
#include "crypto/certificatebuilder.h"
#include "crypto/chainvalidator.h"
#include "crypto/digest.h"
#include "crypto/signature.h"
#include "evidence/bundlewriter.h"
#include "evidence/dsse.h"
#include "evidence/statement.h"
#include "evidence/tlogproof.h"
#include "evidence/truststore.h"
#include "evidence/verifier.h"
#include "ingest/identifiers.h"
#include "sigstore/bundle.h"
#include "sigstore/tlog.h"
#include "sigstore/trustedroot.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/caseverifier.h"
#include "testpki.h"
#include "testsupport.h"
#include "util/csvcell.h"
#include "util/jsonutil.h"
#include "util/strictjson.h"
#include "verdictcheck.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;
using capaudit::test::describe;
using capaudit::test::findCheck;
using namespace capaudit::test;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

bool copyTree(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QFileInfo& fi : QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(fi.fileName());
        if (fi.isDir() ? !copyTree(fi.filePath(), target) : !QFile::copy(fi.filePath(), target))
            return false;
    }
    return true;
}

// A DSSE envelope of STATEMENT signed by KEY (keyid = SPKI fingerprint), ECDSA in ENCODING, payload in BASE64.
QByteArray envelopeJson(const QByteArray& statement, const crypto::PrivateKey& key,
    crypto::EcdsaEncoding encoding = crypto::EcdsaEncoding::Der,
    QByteArray::Base64Options base64 = QByteArray::Base64Encoding, const QList<QByteArray>& extraSigs = {})
{
    crypto::SignatureParams params;
    params.ecdsaEncoding = encoding;
    const auto sig = crypto::sign(key, dssePae(kInTotoPayloadType, statement), params);
    if (!sig)
        qFatal("signing failed");
    QJsonArray sigs { QJsonObject { { QStringLiteral("keyid"), key.publicKey().fingerprint() },
        { QStringLiteral("sig"), QString::fromLatin1(sig->toBase64(base64)) } } };
    for (const QByteArray& extra : extraSigs)
        sigs.append(QJsonObject { { QStringLiteral("sig"), QString::fromLatin1(extra.toBase64(base64)) } });
    return QJsonDocument(QJsonObject { { QStringLiteral("payloadType"), QLatin1String(kInTotoPayloadType) },
                             { QStringLiteral("payload"), QString::fromLatin1(statement.toBase64(base64)) },
                             { QStringLiteral("signatures"), sigs } })
        .toJson(QJsonDocument::Compact);
}

crypto::Certificate issue(const crypto::CertificateRequest& request, const crypto::PublicKey& subject,
    const crypto::PrivateKey& issuerKey, const crypto::Certificate& issuer = {})
{
    auto cert = crypto::issueCertificate(request, subject, issuerKey, issuer);
    if (!cert)
        qFatal("%s", qPrintable(cert.error().toString()));
    return *cert;
}

crypto::CertificateRequest request(const QString& cn, bool ca)
{
    crypto::CertificateRequest r;
    r.commonName = cn;
    r.isCa = ca;
    r.keyCertSign = ca;
    r.notBefore = utc("2025-01-01T00:00:00Z");
    r.notAfter = utc("2035-01-01T00:00:00Z");
    return r;
}

} // namespace

class TestHygiene : public QObject, public CaseFixture {
    Q_OBJECT

    QString m_dirBundle;

    // The fixture's telemetry bundle with its envelope replaced by ENVELOPE, at NAME.
    QString withEnvelope(const QString& name, const QByteArray& envelope)
    {
        const QString copy = path(name);
        QDir(copy).removeRecursively();
        if (!copyTree(m_dirBundle, copy))
            qFatal("copy failed");
        writeFile(QDir(copy).filePath(QStringLiteral("envelope.dsse.json")), envelope);
        return copy;
    }

    QByteArray fixtureStatement()
    {
        auto env = parseDsseEnvelope(readFile(QDir(m_dirBundle).filePath(QStringLiteral("envelope.dsse.json"))), {});
        if (!env)
            qFatal("fixture envelope unreadable");
        return env->payload;
    }

    Verdict verifyWithProvider(const QString& bundle)
    {
        auto trust = TrustStore::fromAnchors({ m_provider.anchor });
        return BundleVerifier(*trust).verify(bundle);
    }

private slots:
    void initTestCase()
    {
        initFixture();
        // A directory bundle (the fixture's are archives) whose envelope the tests replace.
        m_dirBundle = writeTelemetry(m_provider, path(QStringLiteral("telemetry-dir")), QStringLiteral("provider-a"),
            usageCsv(kStart, 12, 2, 2), kStart, 12);
        QVERIFY(QFileInfo(QDir(m_dirBundle).filePath(QStringLiteral("envelope.dsse.json"))).isFile());
    }

    // 1. Duplicate keys and other ambiguous JSON, at every entry point.
    void strictJsonRejectsDuplicateKeys_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("top") << QByteArray(R"({"a":1,"b":2,"a":3})") << QStringLiteral("/a");
        QTest::newRow("nested") << QByteArray(R"({"p":{"x":[{"k":1},{"k":1,"k":2}]}})") << QStringLiteral("/p/x/1/k");
        QTest::newRow("escaped spelling") << QByteArray(R"({"ab":1,"\u0061b":2})") << QStringLiteral("/ab");
    }
    void strictJsonRejectsDuplicateKeys()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, pointer);
        const Status s = checkStrictJson(json, QStringLiteral("x.json"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().field, pointer);
        QVERIFY2(s.error().reason.contains(QLatin1String("duplicate key")), qPrintable(s.error().reason));
        QVERIFY(s.error().reason.contains(QLatin1String("byte offset")));
        QVERIFY(!parseJsonObject(json, QStringLiteral("x.json")).ok());
    }

    void strictJsonRejectsAmbiguousText_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("lone low surrogate") << QByteArray(R"({"a":"\udc00"})");
        QTest::newRow("lone high surrogate") << QByteArray(R"({"a":"\ud800x"})");
        QTest::newRow("invalid utf-8") << QByteArray("{\"a\":\"\xff\xfe\"}");
        QTest::newRow("overlong utf-8") << QByteArray("{\"a\":\"\xc0\xaf\"}");
        QTest::newRow("NaN") << QByteArray(R"({"a":NaN})");
        QTest::newRow("Infinity") << QByteArray(R"({"a":-Infinity})");
        QTest::newRow("out of range") << QByteArray(R"({"a":1e999})");
        // fuzz_strictjson's second finding: RapidJSON read this as 0, Qt refuses it ("illegal number").
        QTest::newRow("underflowing number") << QByteArray(R"({"a":[1,1e-40039]})");
        QTest::newRow("just above the largest double") << QByteArray(R"({"a":1.8e308})");
        QTest::newRow("deep") << QByteArray("{\"a\":") + QByteArray(100, '[') + QByteArray(100, ']') + "}";
        // fuzz_strictjson's finding (minimized): Qt 6.4 reads "\uFEFFdigest" as "digest", so this statement subject
        // had one digest for QJsonDocument (the second) and two distinct keys for every other reader.
        QTest::newRow("BOM-prefixed key") << QByteArray("{\"subject\":[{\"digest\":{\"sha256\":\"aa\"},\"\xef\xbb\xbf"
                                                        "digest\":{\"sha256\":\"bb\"},\"name\":\"data/usage.csv\"}]}");
        QTest::newRow("BOM-prefixed key, escaped") << QByteArray(R"({"\ufeffa":1})");
        QTest::newRow("BOM-prefixed value") << QByteArray("{\"name\":\"\xef\xbb\xbf"
                                                          "data/usage.csv\"}");
    }
    void strictJsonRejectsAmbiguousText()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!checkStrictJson(json, QStringLiteral("x.json")).ok());
        QVERIFY(!parseJsonObject(json, QStringLiteral("x.json")).ok());
        QVERIFY(checkStrictJson(R"({"a":"\ud83d\ude00","b":[1,2,{"c":null}]})", {}).ok());
    }

    void strictJsonNamesANumberOutOfRange()
    {
        const Status s = checkStrictJson(R"({"a":[1,1e-40039]})", QStringLiteral("x.json"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().field, QStringLiteral("/a/1"));
        QVERIFY2(s.error().reason.contains(QLatin1String("1e-40039 is beyond the range of a double")),
            qPrintable(s.error().toString()));
        // Where Qt draws the line: subnormals, the largest double and a zero with any exponent read the same
        // everywhere.
        QVERIFY(
            checkStrictJson(R"([1e-310, 4.9e-324, 1.7976931348623157e308, 0e-99999, -0.0, 12345678901234567890])", {})
                .ok());
    }

    void everyEvidenceParserRefusesDuplicateKeys()
    {
        // DSSE envelope (duplicate payload: QJsonDocument would take the second).
        const QByteArray envelope = envelopeJson(fixtureStatement(), m_provider.signerKey);
        QByteArray dup = envelope;
        dup.replace("{\"payload\":", "{\"payload\":\"e30=\",\"payload\":");
        QVERIFY(dup != envelope);
        auto parsed = parseDsseEnvelope(dup, QStringLiteral("envelope.dsse.json"));
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().field, QStringLiteral("/payload"));
        // ... and through the verifier, the bundle is rejected.
        const Verdict v = verifyWithProvider(withEnvelope(QStringLiteral("dup-envelope"), dup));
        QCOMPARE(v.verdict, VerdictKind::Rejected);
        QVERIFY2(
            findCheck(v, checks::kEnvelope)->reason.contains(QLatin1String("duplicate key")), qPrintable(describe(v)));

        // in-toto statement, with the duplicate inside the predicate.
        QByteArray statement = fixtureStatement();
        statement.replace("\"predicate\":{", "\"predicate\":{\"provider\":\"Evil\",");
        QVERIFY(statement.contains("Evil"));
        auto st = parseStatement(statement, QStringLiteral("payload"));
        QVERIFY(!st.ok());
        QVERIFY2(st.error().field.startsWith(QLatin1String("/predicate/")), qPrintable(st.error().toString()));

        // Sigstore bundle, trusted root, tlog proof.
        QVERIFY(!sigstore::parseSigstoreBundle(
            R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","mediaType":"x"})", QStringLiteral("b"))
                     .ok());
        const auto root = sigstore::parseTrustedRoot(R"({"tlogs":[],"tlogs":[]})", QStringLiteral("root"));
        QVERIFY(!root.ok());
        QVERIFY(root.error().reason.contains(QLatin1String("duplicate key")));
        const auto proof = parseTlogProof(R"({"logIndex":1,"logIndex":2})", QStringLiteral("tlog/proof.json"));
        QVERIFY(!proof.ok());
        QVERIFY(proof.error().reason.contains(QLatin1String("duplicate key")));

        // anchors.json of a trust store directory.
        const QString dir = path(QStringLiteral("trust-dup"));
        QDir().mkpath(dir);
        writeFile(QDir(dir).filePath(QStringLiteral("a.pem")), m_provider.root.toPem());
        writeFile(QDir(dir).filePath(QStringLiteral("anchors.json")),
            R"({"anchors":{"a.pem":{"label":"A","role":"provider","role":"auditor"}}})");
        const auto store = TrustStore::loadDirectory(dir);
        QVERIFY(!store.ok());
        QVERIFY2(store.error().reason.contains(QLatin1String("duplicate key")), qPrintable(store.error().toString()));
    }

    // 2. The same statement in a re-encoded envelope is the same evidence; extra signatures are listed.
    void reencodedEnvelopeIsAlreadyPresent()
    {
        auto store = newCase(QStringLiteral("reencoded.capcase"));
        QVERIFY(store);
        CaseImporter importer(*store);
        const ImportResult first = importer.importBundle(m_dirBundle);
        QCOMPARE(first.outcome, ImportOutcome::Imported);

        const QByteArray stranger = *crypto::sign(m_stranger.signerKey, "not the statement");
        const QByteArray reencoded = envelopeJson(fixtureStatement(), m_provider.signerKey,
            crypto::EcdsaEncoding::P1363, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals, { stranger });
        const QString copy = withEnvelope(QStringLiteral("reencoded"), reencoded);
        const Verdict v = verifyWithProvider(copy);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QVERIFY(v.bundleDigest != first.digest);
        QCOMPARE(v.statementDigest, first.verdict.statementDigest);
        QCOMPARE(v.signer.unverifiedSignatures, QStringList { QStringLiteral("signatures[1]") });
        QVERIFY(v.toJson().value(QStringLiteral("unverifiedSignatures")).isArray());
        QVERIFY(findCheck(v, checks::kSignature)->reason.contains(QLatin1String("signatures[1]")));

        const ImportResult second = importer.importBundle(copy);
        QCOMPARE(importOutcomeName(second.outcome), QStringLiteral("already-present"));
        QCOMPARE(second.digest, first.digest); // names the earlier bundle
        QCOMPARE(second.bundleId, first.bundleId);
        QCOMPARE(store->bundles()->size(), 1);
    }

    void statementLookupIsFast()
    {
        // A bounded scan over verdict_json: a few thousand bundles must stay well under a second per import.
        auto store = newCase(QStringLiteral("lookup.capcase"));
        QVERIFY(store);
        QVERIFY(CaseImporter(*store).importBundle(m_bundle).outcome == ImportOutcome::Imported);
        const QString sql = QStringLiteral(
            "PRAGMA foreign_keys=OFF; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000) "
            "INSERT INTO bundles (id, digest, source_path, kind, provider, meter, verdict, verdict_json, "
            "predicate_type, predicate_json, signer_subject, signer_fingerprint, signer_algorithm, signing_time, "
            "imported_at, import_seq, row_count, rows_digest) SELECT 1000+i, printf('%064d', i), 'x', 'telemetry', "
            "provider, meter, verdict, replace(verdict_json, statement_digest, printf('%064d', i)), predicate_type, "
            "predicate_json, signer_subject, signer_fingerprint, signer_algorithm, signing_time, imported_at, "
            "import_seq, row_count, rows_digest FROM n, (SELECT *, json_extract(verdict_json, '$.statementDigest') "
            "AS statement_digest FROM bundles LIMIT 1)");
        store.reset();
        const QString file = path(QStringLiteral("lookup.capcase"));
        const QString error = execSql(file, dropTriggersSql() + sql);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto reopened = CaseStore::open(file);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error().toString()));
        QElapsedTimer timer;
        timer.start();
        auto miss = (*reopened)->bundleByStatement(BundleKind::Telemetry, QString(64, u'f'));
        const qint64 elapsed = timer.elapsed();
        QVERIFY(miss.ok() && !miss->has_value());
        QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
        qInfo("statement lookup over 3001 bundles: %lld ms", elapsed);
    }

    // 3. Every supported digest of a subject must match.
    void everySubjectDigestMustMatch()
    {
        const QByteArray statement = fixtureStatement();
        QJsonObject o = QJsonDocument::fromJson(statement).object();
        QJsonArray subjects = o.value(QStringLiteral("subject")).toArray();
        QJsonObject first = subjects[0].toObject();
        const QString name = first.value(QStringLiteral("name")).toString();
        const QByteArray content = readFile(QDir(m_dirBundle).filePath(name));
        QJsonObject digest = first.value(QStringLiteral("digest")).toObject();

        // A wrong sha512 next to the right sha256: rejected.
        digest.insert(QStringLiteral("sha512"), QString(128, u'0'));
        first.insert(QStringLiteral("digest"), digest);
        subjects[0] = first;
        o.insert(QStringLiteral("subject"), subjects);
        Verdict v = verifyWithProvider(withEnvelope(QStringLiteral("wrong-sha512"),
            envelopeJson(QJsonDocument(o).toJson(QJsonDocument::Compact), m_provider.signerKey)));
        QCOMPARE(v.verdict, VerdictKind::Rejected);
        QVERIFY2(findCheck(v, checks::kSubjects)->reason.contains(QLatin1String("sha512")), qPrintable(describe(v)));

        // A wrong sha384 next to the right sha512 (the strongest) is found as well.
        digest.insert(QStringLiteral("sha512"),
            QString::fromLatin1(crypto::hash(crypto::HashAlgorithm::Sha512, content).toHex()));
        digest.insert(QStringLiteral("sha384"), QString(96, u'0'));
        first.insert(QStringLiteral("digest"), digest);
        subjects[0] = first;
        o.insert(QStringLiteral("subject"), subjects);
        v = verifyWithProvider(withEnvelope(QStringLiteral("wrong-sha384"),
            envelopeJson(QJsonDocument(o).toJson(QJsonDocument::Compact), m_provider.signerKey)));
        QCOMPARE(v.verdict, VerdictKind::Rejected);
        QVERIFY2(findCheck(v, checks::kSubjects)->reason.contains(QLatin1String("sha384")), qPrintable(describe(v)));

        // All right, plus an algorithm CapAudit does not know: verified, the unknown one reported.
        digest.remove(QStringLiteral("sha384"));
        digest.insert(QStringLiteral("blake2b"), QStringLiteral("00"));
        first.insert(QStringLiteral("digest"), digest);
        subjects[0] = first;
        o.insert(QStringLiteral("subject"), subjects);
        const QString extra = withEnvelope(QStringLiteral("extra-alg"),
            envelopeJson(QJsonDocument(o).toJson(QJsonDocument::Compact), m_provider.signerKey));
        v = verifyWithProvider(extra);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QVERIFY(findCheck(v, checks::kSubjects)->reason.contains(QLatin1String("blake2b")));
        // verify-case leaves the data files in the case and hashes the sha512 from there: still intact.
        {
            std::unique_ptr<CaseStore> store = newCase(QStringLiteral("extra-alg.capcase"));
            QVERIFY(store);
            QCOMPARE(CaseImporter(*store).importBundle(extra).outcome, ImportOutcome::Imported);
            const CaseVerification kept = verifyCase(*store);
            QVERIFY2(kept.intact(), qPrintable(listed(kept.problems)));
        }

        // Only unknown algorithms: the statement is refused.
        first.insert(QStringLiteral("digest"), QJsonObject { { QStringLiteral("md5"), QString(32, u'0') } });
        subjects[0] = first;
        o.insert(QStringLiteral("subject"), subjects);
        QVERIFY(!parseStatement(QJsonDocument(o).toJson(), QStringLiteral("p")).ok());
    }

    // 4. The signer certificate profile.
    void signerCertificateProfile_data()
    {
        QTest::addColumn<bool>("ca");
        QTest::addColumn<QByteArray>("eku");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("end entity, no EKU") << false << QByteArray() << true;
        QTest::newRow("end entity, codeSigning") << false << QByteArray("codeSigning") << true;
        QTest::newRow("end entity, anyExtendedKeyUsage") << false << QByteArray("anyExtendedKeyUsage") << true;
        QTest::newRow("end entity, serverAuth") << false << QByteArray("serverAuth,clientAuth") << false;
        QTest::newRow("CA certificate") << true << QByteArray() << false;
    }
    void signerCertificateProfile()
    {
        QFETCH(bool, ca);
        QFETCH(QByteArray, eku);
        QFETCH(bool, accepted);
        const TestPki pki = TestPki::create(QStringLiteral("Profile"));
        const auto key = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        crypto::CertificateRequest r = request(QStringLiteral("Profile Signer"), ca);
        r.digitalSignature = true;
        r.extendedKeyUsage = eku;
        const crypto::Certificate leaf = issue(r, key.publicKey(), pki.intermediateKey, pki.intermediate);
        crypto::ChainValidator validator;
        validator.addRoot(pki.root);
        const crypto::ChainResult result = validator.validate(leaf, { pki.intermediate }, utc("2026-06-01T00:00:00Z"));
        QCOMPARE(result.ok(), accepted);
        if (!accepted)
            QCOMPARE(result.failure, crypto::ChainFailure::KeyUsage);
    }

    // 5. Delta, indirect and partitioned CRLs are refused when added to a trust store.
    void unusableCrlsAreRefused_data()
    {
        QTest::addColumn<qint64>("delta");
        QTest::addColumn<QByteArray>("idp");
        QTest::addColumn<QString>("word");
        QTest::newRow("delta") << qint64(1) << QByteArray() << QStringLiteral("delta CRL");
        QTest::newRow("indirect") << qint64(-1) << QByteArray("critical,indirectCRL:TRUE")
                                  << QStringLiteral("indirect CRL");
        QTest::newRow("some reasons") << qint64(-1) << QByteArray("critical,onlysomereasons:keyCompromise")
                                      << QStringLiteral("onlySomeReasons");
    }
    void unusableCrlsAreRefused()
    {
        QFETCH(qint64, delta);
        QFETCH(QByteArray, idp);
        QFETCH(QString, word);
        const TestPki pki = TestPki::create(QStringLiteral("Crl"));
        const QList<crypto::RevokedEntry> revoked { { pki.signer.serialHex(), {} } };
        auto crl = crypto::issueRevocationList(pki.intermediate, pki.intermediateKey, revoked,
            utc("2026-01-01T00:00:00Z"), utc("2036-01-01T00:00:00Z"), { delta, idp });
        QVERIFY2(crl.ok(), qPrintable(crl.error().toString()));
        const auto anchor = TrustStore::anchorFromBytes(QStringLiteral("x.crl"), crl->toPem(), {}, {});
        QVERIFY(!anchor.ok());
        QVERIFY2(anchor.error().reason.contains(word), qPrintable(anchor.error().reason));
        // The same CRL without the extension is accepted, and revokes the signer.
        auto plain = crypto::issueRevocationList(
            pki.intermediate, pki.intermediateKey, revoked, utc("2026-01-01T00:00:00Z"), utc("2036-01-01T00:00:00Z"));
        QVERIFY(TrustStore::anchorFromBytes(QStringLiteral("x.crl"), plain->toPem(), {}, {}).ok());
    }

    // 6. Two anchors with one name (CA key rollover) both work; the anchor reported is the one whose key verified.
    void rolloverAnchorsWithOneName()
    {
        const auto oldKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        const auto newKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        const crypto::CertificateRequest rootRequest = request(QStringLiteral("Rollover Root CA"), true);
        const crypto::Certificate oldRoot = issue(rootRequest, oldKey.publicKey(), oldKey);
        const crypto::Certificate newRoot = issue(rootRequest, newKey.publicKey(), newKey);
        QCOMPARE(oldRoot.subject(), newRoot.subject());
        auto oldAnchor = TrustStore::anchorFromBytes(
            QStringLiteral("old.pem"), oldRoot.toPem(), QStringLiteral("old root"), QStringLiteral("provider"));
        auto newAnchor = TrustStore::anchorFromBytes(
            QStringLiteral("new.pem"), newRoot.toPem(), QStringLiteral("new root"), QStringLiteral("provider"));
        QVERIFY(oldAnchor.ok() && newAnchor.ok());
        oldAnchor->providers = newAnchor->providers = { QStringLiteral("provider-a") }; // the fixture's provider
        const auto trust = TrustStore::fromAnchors({ *oldAnchor, *newAnchor });
        QVERIFY(trust.ok());

        for (const auto& [issuerKey, issuerCert, label] : { std::tuple { oldKey, oldRoot, QStringLiteral("old root") },
                 std::tuple { newKey, newRoot, QStringLiteral("new root") } }) {
            const auto caKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
            const crypto::Certificate intermediate =
                issue(request(QStringLiteral("Rollover Issuing CA"), true), caKey.publicKey(), issuerKey, issuerCert);
            const auto signerKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
            const crypto::Certificate signer =
                issue(request(QStringLiteral("Rollover Meter"), false), signerKey.publicKey(), caKey, intermediate);
            BundleSpec spec;
            spec.kind = BundleKind::Telemetry;
            spec.predicate =
                QJsonDocument::fromJson(fixtureStatement()).object().value(QStringLiteral("predicate")).toObject();
            spec.predicate.remove(QStringLiteral("signedAt"));
            spec.files = { { QStringLiteral("usage.csv"), usageCsv(kStart, 12, 2, 2) } };
            spec.key = signerKey;
            spec.chain = { signer, intermediate };
            spec.signedAt = utc("2026-02-01T00:00:00Z");
            const QString out = path(QStringLiteral("rollover-") + label.left(3));
            QDir(out).removeRecursively();
            QVERIFY(writeBundle(spec, out).ok());
            const Verdict v = BundleVerifier(*trust).verify(out);
            QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(label + u'\n' + describe(v)));
            QCOMPARE(v.signer.anchorLabel, label);
        }
    }

    // 6b. A Sigstore bundle signed by a pinned key cross-checks its log entry with the key that verified, not with
    // the last pinned key of the store.
    void sigstorePinnedKeyAmongSeveral()
    {
        const auto keyA = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        const auto keyB = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        const auto logKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        const QByteArray payload = fixtureStatement();
        crypto::SignatureParams der;
        der.ecdsaEncoding = crypto::EcdsaEncoding::Der;
        const QByteArray sig = *crypto::sign(keyA, dssePae(kInTotoPayloadType, payload), der);

        // Rekor dsse 0.0.1 body naming key A as the verifier.
        const QJsonObject canonicalEnvelope { { QStringLiteral("payload"), QString::fromLatin1(payload.toBase64()) },
            { QStringLiteral("payloadType"), QLatin1String(kInTotoPayloadType) },
            { QStringLiteral("signatures"),
                QJsonArray { QJsonObject { { QStringLiteral("sig"), QString::fromLatin1(sig.toBase64()) } } } } };
        const QJsonObject body { { QStringLiteral("apiVersion"), QStringLiteral("0.0.1") },
            { QStringLiteral("kind"), QStringLiteral("dsse") },
            { QStringLiteral("spec"),
                QJsonObject {
                    { QStringLiteral("envelopeHash"),
                        QJsonObject { { QStringLiteral("algorithm"), QStringLiteral("sha256") },
                            { QStringLiteral("value"), crypto::sha256Hex(canonicalJson(canonicalEnvelope)) } } },
                    { QStringLiteral("payloadHash"),
                        QJsonObject { { QStringLiteral("algorithm"), QStringLiteral("sha256") },
                            { QStringLiteral("value"), crypto::sha256Hex(payload) } } },
                    { QStringLiteral("signatures"),
                        QJsonArray { QJsonObject { { QStringLiteral("signature"), QString::fromLatin1(sig.toBase64()) },
                            { QStringLiteral("verifier"),
                                QString::fromLatin1(keyA.publicKey().toPem().toBase64()) } } } } } } };
        sigstore::TlogEntry entry;
        entry.logIndex = 7;
        entry.logId = crypto::sha256(logKey.publicKey().spkiDer());
        entry.integratedTime = kStart + 86400 * 40;
        entry.canonicalizedBody = canonicalJson(body);
        crypto::SignatureParams set;
        set.hash = crypto::HashAlgorithm::Sha256;
        set.ecdsaEncoding = crypto::EcdsaEncoding::Der;
        const QByteArray promise = *crypto::sign(logKey, sigstore::signedEntryTimestampPayload(entry), set);
        const QJsonObject tlogEntry { { QStringLiteral("logIndex"), QStringLiteral("7") },
            { QStringLiteral("logId"),
                QJsonObject { { QStringLiteral("keyId"), QString::fromLatin1(entry.logId.toBase64()) } } },
            { QStringLiteral("kindVersion"),
                QJsonObject { { QStringLiteral("kind"), QStringLiteral("dsse") },
                    { QStringLiteral("version"), QStringLiteral("0.0.1") } } },
            { QStringLiteral("integratedTime"), QString::number(*entry.integratedTime) },
            { QStringLiteral("inclusionPromise"),
                QJsonObject { { QStringLiteral("signedEntryTimestamp"), QString::fromLatin1(promise.toBase64()) } } },
            { QStringLiteral("canonicalizedBody"), QString::fromLatin1(entry.canonicalizedBody.toBase64()) } };
        const QJsonObject bundle { { QStringLiteral("mediaType"),
                                       QStringLiteral("application/vnd.dev.sigstore.bundle+json;version=0.1") },
            { QStringLiteral("verificationMaterial"),
                QJsonObject { { QStringLiteral("publicKey"), QJsonObject { { QStringLiteral("hint"), QString() } } },
                    { QStringLiteral("tlogEntries"), QJsonArray { tlogEntry } } } },
            { QStringLiteral("dsseEnvelope"), canonicalEnvelope } };
        const QString dir = withEnvelope(QStringLiteral("sigstore-pinned"), {});
        QVERIFY(QFile::remove(QDir(dir).filePath(QStringLiteral("envelope.dsse.json"))));
        QVERIFY(QDir(dir).removeRecursively() || true);
        QDir().mkpath(dir);
        QVERIFY(
            copyTree(QDir(m_dirBundle).filePath(QStringLiteral("data")), QDir(dir).filePath(QStringLiteral("data"))));
        writeFile(QDir(dir).filePath(QStringLiteral("envelope.sigstore.json")), QJsonDocument(bundle).toJson());

        const auto anchor = [](const QString& file, const QByteArray& pem, const QString& role) {
            TrustAnchor a = *TrustStore::anchorFromBytes(file, pem, file, role);
            if (role == QLatin1String("provider"))
                a.providers = { QStringLiteral("provider-a") }; // the fixture's provider
            return a;
        };
        // Key A, which signed, comes first; key B is the store's last pinned key.
        const auto trust = TrustStore::fromAnchors(
            { anchor(QStringLiteral("a.pub"), keyA.publicKey().toPem(), QStringLiteral("provider")),
                anchor(QStringLiteral("b.pub"), keyB.publicKey().toPem(), QStringLiteral("provider")),
                anchor(QStringLiteral("log.pub"), logKey.publicKey().toPem(), QStringLiteral("transparency-log")) });
        QVERIFY(trust.ok());
        const Verdict v = BundleVerifier(*trust).verify(dir);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QCOMPARE(findCheck(v, checks::kTransparency)->status, CheckStatus::Pass);
        QCOMPARE(v.signer.anchorLabel, QStringLiteral("a.pub"));
    }
};

QTEST_GUILESS_MAIN(TestHygiene)
#include "tst_hygiene.moc"
