// SPDX-License-Identifier: GPL-3.0-or-later
// X.509 path validation, differential (docs/fuzzing.md "Differential oracles"): every chain of a matrix of
// hostile variants — impostor roots, CA:FALSE and keyCertSign-less intermediates, exceeded path lengths, expired
// and not-yet-valid certificates, foreign signatures, revoked, stale and forged CRLs, three key types — is judged by
// CapAudit's ChainValidator and by the `openssl verify` program with the same roots, intermediates, CRLs and
// verification time. CapAudit may be stricter only where docs/bundle-format.md says so (the signer profile: a
// leaf must allow digitalSignature, must not be a CA and, with an extended key usage, must allow code signing);
// it must never accept a chain `openssl verify` refuses, and any other disagreement is a defect.
#include "crypto/certificatebuilder.h"
#include "crypto/chainvalidator.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;
using namespace capaudit::crypto;

namespace {

QDateTime utc(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(0, 0), Qt::UTC);
}

PrivateKey mustGenerate(KeyType type)
{
    auto key = PrivateKey::generate(type, 2048);
    if (!key)
        qFatal("generate: %s", qPrintable(key.error().toString()));
    return *key;
}

Certificate mustIssue(
    const CertificateRequest& request, const PublicKey& subject, const PrivateKey& issuerKey, const Certificate& issuer)
{
    auto cert = issueCertificate(request, subject, issuerKey, issuer);
    if (!cert)
        qFatal("issueCertificate(%s): %s", qPrintable(request.commonName), qPrintable(cert.error().toString()));
    return *cert;
}

CertificateRequest caRequest(const QString& name, quint64 serial)
{
    CertificateRequest r;
    r.commonName = name;
    r.organization = QStringLiteral("Differential CA");
    r.isCa = true;
    r.digitalSignature = false;
    r.keyCertSign = true;
    r.notBefore = utc(2025, 1, 1);
    r.notAfter = utc(2035, 1, 1);
    r.serial = serial;
    return r;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// One chain as handed to both validators.
struct Chain {
    QString name;
    Certificate leaf;
    QList<Certificate> intermediates;
    QList<RevocationList> crls;
    QDateTime at;
};

// The certificates and CRLs the variants are cut from. Each is made once; a chain picks a leaf, an intermediate
// path, a CRL set and a time.
struct Material {
    PrivateKey rootKey, impostorKey, interKey, inter2Key, strangerKey;
    Certificate root, impostor;
    QMap<QString, Certificate> inters; // variant name -> intermediate issued by the root
    Certificate inter2; // second intermediate below the "pathlen0" one
    QMap<QString, QPair<Certificate, QList<Certificate>>> leaves; // name -> leaf, its intermediates
    QMap<QString, QList<RevocationList>> crlSets;
};

Material makeMaterial()
{
    Material m;
    m.rootKey = mustGenerate(KeyType::EcP384);
    m.impostorKey = mustGenerate(KeyType::EcP384);
    m.interKey = mustGenerate(KeyType::EcP256);
    m.inter2Key = mustGenerate(KeyType::EcP256);
    m.strangerKey = mustGenerate(KeyType::EcP256);
    m.root = mustIssue(caRequest(QStringLiteral("Differential Root"), 1), m.rootKey.publicKey(), m.rootKey, {});
    // Same name as the trusted root, other key: a chain through it must never validate.
    m.impostor =
        mustIssue(caRequest(QStringLiteral("Differential Root"), 1), m.impostorKey.publicKey(), m.impostorKey, {});

    auto inter = [&](const QString& variant, CertificateRequest r, const PrivateKey& signer,
                     const Certificate& issuer) {
        m.inters.insert(variant, mustIssue(r, m.interKey.publicKey(), signer, issuer));
    };
    const CertificateRequest good = caRequest(QStringLiteral("Differential Intermediate"), 2);
    inter(QStringLiteral("good"), good, m.rootKey, m.root);
    CertificateRequest r = good;
    r.isCa = false;
    inter(QStringLiteral("not-ca"), r, m.rootKey, m.root);
    r = good;
    r.keyCertSign = false;
    inter(QStringLiteral("no-keycertsign"), r, m.rootKey, m.root);
    r = good;
    r.pathLength = 0;
    inter(QStringLiteral("pathlen0"), r, m.rootKey, m.root);
    r = good;
    r.notAfter = utc(2026, 1, 1);
    inter(QStringLiteral("expired"), r, m.rootKey, m.root);
    inter(QStringLiteral("from-impostor"), good, m.impostorKey, m.impostor);
    inter(QStringLiteral("self-signed"), good, m.interKey, {});

    CertificateRequest second = caRequest(QStringLiteral("Differential Sub-intermediate"), 3);
    m.inter2 = mustIssue(second, m.inter2Key.publicKey(), m.interKey, m.inters.value(QStringLiteral("pathlen0")));

    CertificateRequest leaf;
    leaf.commonName = QStringLiteral("Provider signer");
    leaf.organization = QStringLiteral("Provider");
    leaf.notBefore = utc(2026, 1, 1);
    leaf.notAfter = utc(2027, 1, 1);
    leaf.serial = 0x77;
    leaf.extendedKeyUsage = "codeSigning";
    const Certificate& goodInter = m.inters[QStringLiteral("good")];
    auto addLeaf = [&](const QString& name, const CertificateRequest& req, KeyType type, const PrivateKey& signer,
                       const Certificate& issuer, QList<Certificate> path) {
        m.leaves.insert(name, { mustIssue(req, mustGenerate(type).publicKey(), signer, issuer), path });
    };
    addLeaf(QStringLiteral("ec"), leaf, KeyType::EcP256, m.interKey, goodInter, {});
    addLeaf(QStringLiteral("ed25519"), leaf, KeyType::Ed25519, m.interKey, goodInter, {});
    addLeaf(QStringLiteral("rsa"), leaf, KeyType::Rsa, m.interKey, goodInter, {});
    // Issued in the intermediate's name by a key that is not the intermediate's.
    const Certificate lookalike = mustIssue(
        caRequest(QStringLiteral("Differential Intermediate"), 2), m.strangerKey.publicKey(), m.strangerKey, {});
    addLeaf(QStringLiteral("foreign-signature"), leaf, KeyType::EcP256, m.strangerKey, lookalike, {});
    CertificateRequest v = leaf;
    v.digitalSignature = false;
    addLeaf(QStringLiteral("no-digitalsignature"), v, KeyType::EcP256, m.interKey, goodInter, {});
    v = leaf;
    v.extendedKeyUsage = "serverAuth";
    addLeaf(QStringLiteral("eku-serverauth"), v, KeyType::EcP256, m.interKey, goodInter, {});
    v = caRequest(QStringLiteral("CA as signer"), 0x78);
    addLeaf(QStringLiteral("ca-leaf"), v, KeyType::EcP256, m.interKey, goodInter, {});
    v = leaf;
    v.notAfter = utc(2026, 3, 1);
    addLeaf(QStringLiteral("expires-march"), v, KeyType::EcP256, m.interKey, goodInter, {});
    // Below the pathlen-0 intermediate, through a second CA: the path length is exceeded.
    addLeaf(QStringLiteral("too-deep"), leaf, KeyType::EcP256, m.inter2Key, m.inter2, { m.inter2 });
    // Signed directly by the root.
    addLeaf(QStringLiteral("root-issued"), leaf, KeyType::EcP256, m.rootKey, m.root, {});

    const QDateTime last = utc(2026, 5, 1), next = utc(2026, 8, 1);
    auto crl = [&](const Certificate& issuer, const PrivateKey& key, const QList<RevokedEntry>& revoked,
                   const QDateTime& from, const QDateTime& to) {
        auto out = issueRevocationList(issuer, key, revoked, from, to);
        if (!out)
            qFatal("issueRevocationList: %s", qPrintable(out.error().toString()));
        return *out;
    };
    const RevocationList rootEmpty = crl(m.root, m.rootKey, {}, last, next);
    const RevocationList interEmpty = crl(goodInter, m.interKey, {}, last, next);
    m.crlSets.insert(QStringLiteral("none"), {});
    m.crlSets.insert(QStringLiteral("clean"), { rootEmpty, interEmpty });
    m.crlSets.insert(QStringLiteral("leaf-revoked"),
        { rootEmpty,
            crl(goodInter, m.interKey, { { m.leaves[QStringLiteral("ec")].first.serialHex(), utc(2026, 4, 1) } }, last,
                next) });
    m.crlSets.insert(QStringLiteral("intermediate-revoked"),
        { crl(m.root, m.rootKey, { { goodInter.serialHex(), utc(2026, 4, 1) } }, last, next), interEmpty });
    m.crlSets.insert(
        QStringLiteral("stale"), { crl(m.root, m.rootKey, {}, utc(2026, 1, 1), utc(2026, 2, 1)), interEmpty });
    // The intermediate's CRL signed by a key that is not the intermediate's: forged.
    m.crlSets.insert(QStringLiteral("forged"), { rootEmpty, crl(lookalike, m.strangerKey, {}, last, next) });
    return m;
}

struct Verdict {
    bool ok = false;
    QString detail;
};

class OpensslVerify {
public:
    explicit OpensslVerify(const QString& dir)
        : m_dir(dir)
    {
    }

    Verdict run(const Certificate& root, const Chain& chain)
    {
        writeFile(m_dir + QStringLiteral("/root.pem"), root.toPem());
        writeFile(m_dir + QStringLiteral("/leaf.pem"), chain.leaf.toPem());
        QByteArray untrusted;
        for (const Certificate& c : chain.intermediates)
            untrusted += c.toPem();
        QStringList args { QStringLiteral("verify"), QStringLiteral("-no-CApath"), QStringLiteral("-no-CAstore"),
            QStringLiteral("-x509_strict"), QStringLiteral("-attime"), QString::number(chain.at.toSecsSinceEpoch()),
            QStringLiteral("-CAfile"), m_dir + QStringLiteral("/root.pem") };
        if (!untrusted.isEmpty()) {
            writeFile(m_dir + QStringLiteral("/untrusted.pem"), untrusted);
            args << QStringLiteral("-untrusted") << m_dir + QStringLiteral("/untrusted.pem");
        }
        if (!chain.crls.isEmpty()) {
            QByteArray crls;
            for (const RevocationList& crl : chain.crls)
                crls += crl.toPem();
            writeFile(m_dir + QStringLiteral("/crls.pem"), crls);
            args << QStringLiteral("-crl_check_all") << QStringLiteral("-CRLfile")
                 << m_dir + QStringLiteral("/crls.pem");
        }
        args << m_dir + QStringLiteral("/leaf.pem");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
            qFatal("openssl verify did not finish");
        return { p.exitCode() == 0, QString::fromUtf8(p.readAll()).simplified() };
    }

private:
    QString m_dir;
};

} // namespace

class TestX509Differential : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("the openssl program is not installed (scripts/install-deps.sh installs it)");
    }

    void agreesWithOpensslVerify()
    {
        const Material m = makeMaterial();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        OpensslVerify reference(dir.path());

        const QList<QPair<QString, QDateTime>> times { { QStringLiteral("in-validity"), utc(2026, 6, 1) },
            { QStringLiteral("before-leaf"), utc(2025, 6, 1) }, { QStringLiteral("after-march"), utc(2026, 4, 1) },
            { QStringLiteral("before-crl"), utc(2026, 4, 15) } };
        QList<Chain> chains;
        for (auto leaf = m.leaves.cbegin(); leaf != m.leaves.cend(); ++leaf) {
            const bool ownPath = !leaf.value().second.isEmpty() || leaf.key() == QStringLiteral("root-issued");
            const QStringList interVariants = ownPath ? QStringList { QStringLiteral("pathlen0") } : m.inters.keys();
            for (const QString& interName : interVariants)
                for (auto crls = m.crlSets.cbegin(); crls != m.crlSets.cend(); ++crls)
                    for (const auto& [timeName, at] : times) {
                        Chain c;
                        c.name = QStringLiteral("leaf=%1 intermediate=%2 crls=%3 time=%4")
                                     .arg(leaf.key(), interName, crls.key(), timeName);
                        c.leaf = leaf.value().first;
                        c.intermediates = leaf.value().second;
                        if (leaf.key() != QStringLiteral("root-issued"))
                            c.intermediates << m.inters.value(interName);
                        c.crls = crls.value();
                        c.at = at;
                        chains << c;
                    }
        }

        int bothOk = 0, bothRefuse = 0, profileStricter = 0;
        QStringList disagreements;
        for (const Chain& chain : std::as_const(chains)) {
            ChainValidator validator;
            validator.addRoot(m.root);
            for (const RevocationList& crl : chain.crls)
                validator.addRevocationList(crl);
            const ChainResult ours = validator.validate(chain.leaf, chain.intermediates, chain.at);
            const Verdict theirs = reference.run(m.root, chain);
            if (ours.ok() && theirs.ok) {
                ++bothOk;
            } else if (!ours.ok() && !theirs.ok) {
                ++bothRefuse;
            } else if (ours.ok()) {
                disagreements << QStringLiteral("%1: CapAudit verified, openssl verify refused: %2")
                                     .arg(chain.name, theirs.detail);
            } else if (ours.failure == ChainFailure::KeyUsage && ours.depth == 0) {
                ++profileStricter; // the documented signer profile, stricter than plain path validation
            } else {
                disagreements
                    << QStringLiteral("%1: openssl verify accepted, CapAudit refused: %2").arg(chain.name, ours.reason);
            }
        }
        qInfo("%lld chains: %d verified by both, %d refused by both, %d refused only by the signer profile",
            qint64(chains.size()), bothOk, bothRefuse, profileStricter);
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join(QLatin1Char('\n'))));
        // The matrix must exercise both outcomes and the profile, or it proves nothing.
        QVERIFY(bothOk >= 10);
        QVERIFY(bothRefuse >= 100);
        QVERIFY(profileStricter >= 3);
    }
};

QTEST_GUILESS_MAIN(TestX509Differential)
#include "tst_x509differential.moc"
