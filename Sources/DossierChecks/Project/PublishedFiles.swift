import DossierCore
import DossierModel
import Foundation

/// Decides which project files the site publishes beside its pages (SPEC 4): the images pages
/// embed (`![alt](path)`), copied to the same path in the site. Anything else a page names is
/// linked to the repository, never copied.
///
/// The site is public and the project is anyone's pull request, so a file is published only when
/// all of these hold, checked in this order; the first that fails is the file's finding, at the
/// embedding reference:
///
/// - `publish.collision` (error): it would replace a file Dossier generates (a page,
///   `index.html`, `404.html`, `sitemap.xml`, anything under `dossier/`);
/// - `publish.hidden` (error): a component of its path is hidden (`.git/config`, `.env`, `.ssh/…`);
/// - `publish.secret` (error): its name is a common secret's (`id_rsa*`, `*.pem`, `*.key`, …);
/// - `publish.outside-project` (error): it leads out of the project (a symbolic link at any
///   component) or nowhere;
/// - `publish.kind` (warning): its kind is not one a site serves (see `servedExtensions`);
/// - `publish.unreadable` (warning): it is not a regular file, or is larger than `maximumBytes`;
/// - `publish.active-content` (error): it is an SVG holding script (`<script>`, `on…=`,
///   `javascript:`, `<foreignObject>`).
///
/// Errors mark what could leak or break the site; warnings mark a picture that simply will not
/// show. A file that does not exist is left to the link checks. The result is sorted, so output
/// is the same on every run.
package enum PublishedFiles {
    /// Kinds a documentation site serves as embedded files: raster and vector images and icons.
    package static let servedExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "apng",
    ]

    /// A published file is read whole into memory; anything larger belongs in releases or LFS.
    package static let maximumBytes = 20 * 1024 * 1024

    /// Paths of the site that Dossier writes itself, besides each document's page.
    package static let generatedPaths: Set<String> = [
        SiteLayout.home, SiteLayout.notFound, "sitemap.xml", ".nojekyll", ".dossier-manifest",
    ]

    package struct Decision: Sendable {
        /// Project-relative paths to copy, sorted.
        package var paths: [String]
        package var findings: [Finding]
    }

    package static func decide(
        documents: [Document], index: DocumentIndex, layout: SiteLayout,
        files: ProjectFiles
    ) -> Decision {
        let pages = Set(layout.pages)
        var accepted: Set<String> = []
        var findings: [Finding] = []
        for document in documents {
            let folder = ProjectPath.directory(of: document.path)
            for link in document.analysis.links where link.isImage {
                let url = link.url
                guard !ProjectPath.hasScheme(url), !url.hasPrefix("//"), !url.hasPrefix("#") else { continue }
                let raw = ProjectPath.splitFragment(link.url).path
                let decoded = raw.removingPercentEncoding ?? raw
                // A path out of the project is reported by the loader (`code.outside-project`).
                guard let path = ProjectPath.resolve(decoded, relativeTo: folder), !path.isEmpty,
                    index.byPath[path] == nil
                else { continue }
                let location = SourceLocation(path: document.path, line: link.line, column: link.column)
                switch verdict(path, pages: pages, files: files) {
                case .publish:
                    accepted.insert(path)
                case .missing:
                    break
                case let .refuse(refusal):
                    findings.append(
                        Finding(
                            refusal.severity, refusal.rule,
                            "image `\(link.url)` is not published: \(refusal.reason)", at: location))
                }
            }
        }
        return Decision(paths: accepted.sorted(), findings: findings)
    }

    private struct Refusal {
        var severity: Severity
        var rule: String
        var reason: String
    }

    private enum Verdict {
        case publish
        /// Not there: not published, and left to the page (a broken image) rather than reported.
        case missing
        case refuse(Refusal)
    }

    private static func verdict(_ path: String, pages: Set<String>, files: ProjectFiles) -> Verdict {
        guard let refusal = refusal(path, pages: pages, files: files) else { return .publish }
        return refusal.rule.isEmpty ? .missing : .refuse(refusal)
    }

    private static func refusal(_ path: String, pages: Set<String>, files: ProjectFiles) -> Refusal? {
        if generatedPaths.contains(path) || pages.contains(path) || path.hasPrefix("dossier/") {
            return Refusal(
                severity: .error, rule: "publish.collision",
                reason: "`\(path)` is a file Dossier generates; rename or move the file")
        }
        let components = path.split(separator: "/")
        if let hidden = components.first(where: { $0.hasPrefix(".") }) {
            return Refusal(
                severity: .error, rule: "publish.hidden",
                reason: "`\(hidden)` is hidden; hidden files and folders are never published")
        }
        let name = String(components.last ?? "")
        if isSecretName(name) {
            return Refusal(
                severity: .error, rule: "publish.secret",
                reason: "`\(name)` is named like a key or credentials file; such files are never published")
        }
        let size: Int
        do throws(DriftFileProblem) {
            size = try files.size(path)
        } catch {
            if error.isMissing { return Refusal(severity: .warning, rule: "", reason: "") }
            return Refusal(severity: .error, rule: "publish.outside-project", reason: error.reason)
        }
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        guard servedExtensions.contains(ext) else {
            return Refusal(
                severity: .warning, rule: "publish.kind",
                reason: "only images ("
                    + servedExtensions.sorted().joined(separator: ", ") + ") are published; link other files instead")
        }
        guard let real = try? files.locate(path), isRegularFile(real) else {
            return Refusal(severity: .warning, rule: "publish.unreadable", reason: "`\(path)` is not a regular file")
        }
        guard size <= maximumBytes else {
            let limit = ProjectFiles.describeSize(maximumBytes)
            return Refusal(
                severity: .warning, rule: "publish.unreadable",
                reason: "`\(path)` is \(ProjectFiles.describeSize(size)); at most \(limit) are published")
        }
        if ext == "svg", let bytes = try? files.bytes(path, limit: maximumBytes), holdsScript(bytes) {
            return Refusal(
                severity: .error, rule: "publish.active-content",
                reason: "`\(path)` holds script "
                    + "(`<script>`, an `on…=` handler or a `javascript:` URL), which would run when the file is opened "
                    + "from the site; remove it")
        }
        return nil
    }

    /// True when SVG text holds what a browser runs if the file is opened directly (an `<img>`
    /// never runs it, but the file's own URL on the site would).
    package static func holdsScript(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        if text.contains("<script") || text.contains("javascript:") || text.contains("<foreignobject") { return true }
        // An event handler attribute: whitespace or a quote, `on` and letters, then `=`.
        let scalars = Array(text.unicodeScalars)
        var i = 1
        while i + 2 < scalars.count {
            if scalars[i] == "o", scalars[i + 1] == "n", " \t\n\r/\"'".unicodeScalars.contains(scalars[i - 1]) {
                var j = i + 2
                while j < scalars.count, ("a"..."z").contains(scalars[j]) { j += 1 }
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\n" { j += 1 }
                if j > i + 2, j < scalars.count, scalars[j] == "=" { return true }
            }
            i += 1
        }
        return false
    }

    /// Names of private keys, certificates' keys, credentials and token stores.
    package static func isSecretName(_ name: String) -> Bool {
        let lower = name.lowercased()
        let prefixes = [
            "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "credentials", "secret", "htpasswd",
            "known_hosts", "authorized_keys",
        ]
        let suffixes = [
            ".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".kdbx", ".ppk", ".asc", ".gpg", ".env",
            ".npmrc", ".pypirc", ".netrc", ".tfstate", ".tfvars",
        ]
        return prefixes.contains { lower.hasPrefix($0) } || suffixes.contains { lower.hasSuffix($0) }
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
