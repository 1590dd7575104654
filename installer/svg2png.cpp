// SPDX-License-Identifier: GPL-3.0-or-later
// Build-time helper: renders the application's SVG icon to the PNG sizes the hicolor theme wants, with the
// QSvgRenderer CapAudit already links, so packaging needs no extra tool such as rsvg-convert.
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>
#include <cstdlib>

int main(int argc, char* argv[])
{
    // Rendering into a QImage needs no display; offscreen keeps the tool usable on headless builders.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: capaudit-svg2png INPUT.svg SIZE OUTPUT.png\n");
        return 2;
    }
    bool ok = false;
    const int size = args.at(2).toInt(&ok);
    if (!ok || size < 1 || size > 4096) {
        std::fprintf(stderr, "capaudit-svg2png: bad size '%s'\n", qPrintable(args.at(2)));
        return 2;
    }
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "capaudit-svg2png: cannot read SVG '%s'\n", qPrintable(args.at(1)));
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
    }
    // Qt's PNG writer adds no time stamp, so the same SVG always gives the same bytes (reproducible packages).
    if (!image.save(args.at(3), "PNG")) {
        std::fprintf(stderr, "capaudit-svg2png: cannot write '%s'\n", qPrintable(args.at(3)));
        return 1;
    }
    return EXIT_SUCCESS;
}
