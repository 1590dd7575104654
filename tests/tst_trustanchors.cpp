// SPDX-License-Identifier: GPL-3.0-or-later
// What a file offered as a trust anchor is (issue 16): root, intermediate, leaf, public key; a leaf is refused as an
// anchor unless its key is pinned on purpose, in the core, on the command line and in the dialog.
#include "dialogs/addanchordialog.h"
#include "evidence/anchorfile.h"
#include "models/anchormodel.h"
#include "store/casestore.h"
#include "testpki.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(CAPAUDIT_CLI_PATH), args);
    p.waitForFinished(120000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

} // namespace

class TestTrustAnchors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void classifiesContent_data();
    void classifiesContent();
    void refusesALeafUnlessPinned();
    void cliRefusesALeafUnlessPinKey();
    void dialogShowsTheKindAndRefusesALeaf();
    void modelNamesALeafAnchor();

private:
    QString write(const QString& name, const QByteArray& content);
    QString path(const QString& name) const
    {
        return QDir(m_dir.path()).filePath(name);
    }

    QTemporaryDir m_dir;
    test::TestPki m_pki;
};

void TestTrustAnchors::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CapAuditTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_trustanchors"));
    QVERIFY(m_dir.isValid());
    m_pki = test::TestPki::create(QStringLiteral("Provider T"));
    write(QStringLiteral("root.pem"), m_pki.root.toPem());
    write(QStringLiteral("intermediate.pem"), m_pki.intermediate.toPem());
    write(QStringLiteral("signer.pem"), m_pki.signer.toPem());
    write(QStringLiteral("signer.pub"), m_pki.signerKey.publicKey().toPem());
}

QString TestTrustAnchors::write(const QString& name, const QByteArray& content)
{
    QFile f(path(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
    return f.fileName();
}

void TestTrustAnchors::classifiesContent_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("root") << "root.pem" << int(AnchorFileKind::RootCertificate) << "root";
    QTest::newRow("intermediate") << "intermediate.pem" << int(AnchorFileKind::IntermediateCertificate)
                                  << "intermediate";
    QTest::newRow("leaf") << "signer.pem" << int(AnchorFileKind::LeafCertificate) << "leaf";
    QTest::newRow("public key") << "signer.pub" << int(AnchorFileKind::PublicKey) << "public-key";
}

void TestTrustAnchors::classifiesContent()
{
    QFETCH(QString, file);
    QFETCH(int, kind);
    QFETCH(QString, name);
    Result<AnchorFileInfo> info = classifyAnchorFile(path(file));
    QVERIFY2(info, qPrintable(info ? QString() : info.error().toString()));
    QCOMPARE(int(info->kind), kind);
    QCOMPARE(anchorFileKindName(info->kind), name);
    QVERIFY(!info->fingerprint.isEmpty());
    // The name of the file does not decide: a leaf saved as .crt is still a leaf.
    if (file.endsWith(u".pem")) {
        QFile f(path(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(int(classifyAnchorContent(f.readAll()).kind), kind);
    }
    QCOMPARE(classifyAnchorContent("hello").kind, AnchorFileKind::Unknown);
}

void TestTrustAnchors::refusesALeafUnlessPinned()
{
    AnchorRequest request { QStringLiteral("Signer"), QStringLiteral("provider"), {}, { QStringLiteral("Provider T") },
        {}, false, {} };
    Result<TrustAnchor> refused = anchorToAdd(path(QStringLiteral("signer.pem")), request);
    QVERIFY(!refused);
    QVERIFY2(refused.error().reason.contains(QStringLiteral("leaf certificate")), qPrintable(refused.error().reason));
    QVERIFY(refused.error().reason.contains(QStringLiteral("--pin-key")));

    request.pinKey = true;
    Result<TrustAnchor> pinned = anchorToAdd(path(QStringLiteral("signer.pem")), request);
    QVERIFY2(pinned, qPrintable(pinned ? QString() : pinned.error().toString()));
    QCOMPARE(pinned->kind, TrustAnchor::Kind::PinnedKey);
    QCOMPARE(pinned->fileName, QStringLiteral("signer.pub"));
    QCOMPARE(pinned->fingerprint, m_pki.signerKey.publicKey().fingerprint());
    QCOMPARE(pinned->providers, QStringList { QStringLiteral("Provider T") });

    request.pinKey = false;
    Result<TrustAnchor> root = anchorToAdd(path(QStringLiteral("root.pem")), request);
    QVERIFY2(root, qPrintable(root ? QString() : root.error().toString()));
    QCOMPARE(root->kind, TrustAnchor::Kind::RootCertificate);
    Result<TrustAnchor> key = anchorToAdd(path(QStringLiteral("signer.pub")), request);
    QVERIFY(key);
    QCOMPARE(key->kind, TrustAnchor::Kind::PinnedKey);
}

void TestTrustAnchors::cliRefusesALeafUnlessPinKey()
{
    const QString caseFile = path(QStringLiteral("cli.capcase"));
    {
        Result<TrustAnchor> root = TrustStore::anchorFromFile(path(QStringLiteral("root.pem")), {}, {});
        QVERIFY(root);
        auto store = CaseStore::create(caseFile, QStringLiteral("Trust test"), { *root });
        QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
    }
    const QStringList add { QStringLiteral("trust"), QStringLiteral("add"), caseFile,
        path(QStringLiteral("signer.pem")), QStringLiteral("--label"), QStringLiteral("Signer T"),
        QStringLiteral("--role"), QStringLiteral("provider"), QStringLiteral("--provider"),
        QStringLiteral("Provider T") };
    const Run refused = cli(add);
    QVERIFY2(refused.exitCode != 0, refused.out.constData());
    QVERIFY2(refused.err.contains("leaf certificate"), refused.err.constData());
    QVERIFY2(refused.out.contains("leaf certificate (not a CA"), refused.out.constData());

    const Run pinned = cli(add + QStringList { QStringLiteral("--pin-key") });
    QVERIFY2(pinned.exitCode == 0, pinned.err.constData());
    QVERIFY2(pinned.out.contains("added signer.pub"), pinned.out.constData());
    const Run list = cli({ QStringLiteral("trust"), QStringLiteral("list"), caseFile });
    QVERIFY2(list.out.contains("pinned-key"), list.out.constData());
}

void TestTrustAnchors::dialogShowsTheKindAndRefusesALeaf()
{
    AddAnchorDialog leaf(path(QStringLiteral("signer.pem")));
    QCOMPARE(leaf.fileInfo().kind, AnchorFileKind::LeafCertificate);
    auto* kind = leaf.findChild<QLabel*>(QStringLiteral("anchorKind"));
    QVERIFY(kind);
    QVERIFY2(kind->text().contains(AddAnchorDialog::kindText(AnchorFileKind::LeafCertificate).toHtmlEscaped()),
        qPrintable(kind->text()));
    QVERIFY(!leaf.canAccept());
    QVERIFY(!leaf.problemText().isEmpty());
    auto* buttons = leaf.findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!leaf.anchor());
    // Pinning the signer's key on purpose makes it acceptable, as a pinned key.
    auto* pin = leaf.findChild<QCheckBox*>(QStringLiteral("pinKey"));
    QVERIFY(pin && pin->isEnabled());
    pin->setChecked(true);
    QVERIFY(leaf.canAccept());
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    Result<TrustAnchor> anchor = leaf.anchor();
    QVERIFY2(anchor, qPrintable(anchor ? QString() : anchor.error().toString()));
    QCOMPARE(anchor->kind, TrustAnchor::Kind::PinnedKey);

    AddAnchorDialog root(path(QStringLiteral("root.pem")));
    QCOMPARE(root.kindText(), AddAnchorDialog::kindText(AnchorFileKind::RootCertificate));
    QVERIFY(root.canAccept());
    QVERIFY(root.anchor());
    AddAnchorDialog intermediate(path(QStringLiteral("intermediate.pem")));
    QCOMPARE(intermediate.kindText(), AddAnchorDialog::kindText(AnchorFileKind::IntermediateCertificate));
    AddAnchorDialog key(path(QStringLiteral("signer.pub")));
    QCOMPARE(key.kindText(), AddAnchorDialog::kindText(AnchorFileKind::PublicKey));
    QVERIFY(!key.findChild<QCheckBox*>(QStringLiteral("pinKey"))->isEnabled());
    QVERIFY(key.canAccept());
}

void TestTrustAnchors::modelNamesALeafAnchor()
{
    // A leaf trusted before leaves were refused is no longer shown as a root certificate.
    Result<TrustAnchor> leaf = TrustStore::anchorFromFile(path(QStringLiteral("signer.pem")), {}, {});
    Result<TrustAnchor> root = TrustStore::anchorFromFile(path(QStringLiteral("root.pem")), {}, {});
    QVERIFY(leaf && root);
    CaseAnchor a;
    a.anchor = *leaf;
    CaseAnchor b;
    b.anchor = *root;
    AnchorModel model;
    model.setAnchors({ a, b });
    QCOMPARE(model.index(0, AnchorModel::KindColumn).data().toString(), AnchorModel::tr("Leaf certificate (not a CA)"));
    QCOMPARE(model.index(1, AnchorModel::KindColumn).data().toString(),
        AnchorModel::kindText(TrustAnchor::Kind::RootCertificate));
}

QTEST_MAIN(TestTrustAnchors)
#include "tst_trustanchors.moc"
