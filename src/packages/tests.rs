use super::*;
use crate::test_support::project;
use std::fs;

fn manifest(deps: &[&str]) -> String {
    let list: Vec<String> = deps.iter().map(|d| format!("\"{d}\": \"1\"")).collect();
    format!("{{\"dependencies\": {{{}}}}}", list.join(","))
}

fn name(index: &PackageIndex, root: &Path, file: &str) -> String {
    index
        .package_name_for_path(&root.join(file))
        .expect("package name")
}

mod naming {
    use super::*;

    #[test]
    fn root_and_direct_dependencies() {
        let p = project(&[
            ("package.json", &manifest(&["a", "b"])),
            ("node_modules/a/package.json", "{}"),
            ("node_modules/b/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "index.js"), "$root$");
        assert_eq!(name(&index, p.path(), "lib/x.js"), "$root$");
        assert_eq!(name(&index, p.path(), "node_modules/a/index.js"), "a");
        assert_eq!(name(&index, p.path(), "node_modules/b/lib/deep/x.js"), "b");
        assert_eq!(
            index.package_dir("a"),
            Some(p.path().join("node_modules/a").as_path())
        );
    }

    #[test]
    fn hoisted_transitive_dependency_is_named_by_its_logical_path() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", &manifest(&["d"])),
            ("node_modules/d/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/d/index.js"), "a>d");
    }

    #[test]
    fn nested_duplicate_gets_its_own_name() {
        let p = project(&[
            ("package.json", &manifest(&["a", "c"])),
            ("node_modules/a/package.json", "{}"),
            ("node_modules/c/package.json", &manifest(&["a"])),
            ("node_modules/c/node_modules/a/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/a/index.js"), "a");
        assert_eq!(
            name(&index, p.path(), "node_modules/c/node_modules/a/index.js"),
            "c>a"
        );
    }

    #[test]
    fn scoped_names_keep_their_slash() {
        let p = project(&[
            ("package.json", &manifest(&["@sc/b", "x"])),
            ("node_modules/@sc/b/package.json", "{}"),
            ("node_modules/x/package.json", &manifest(&["@sc/b"])),
            ("node_modules/x/node_modules/@sc/b/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/@sc/b/i.js"), "@sc/b");
        assert_eq!(
            name(&index, p.path(), "node_modules/x/node_modules/@sc/b/i.js"),
            "x>@sc/b"
        );
    }

    #[test]
    fn npm_alias_is_named_by_the_dependency_key() {
        let p = project(&[
            (
                "package.json",
                r#"{"dependencies": {"alias-name": "npm:al@1"}}"#,
            ),
            ("node_modules/alias-name/package.json", r#"{"name": "al"}"#),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(
            name(&index, p.path(), "node_modules/alias-name/index.js"),
            "alias-name"
        );
    }

    #[test]
    fn dev_dependencies_count_for_the_root_only() {
        let p = project(&[
            ("package.json", r#"{"devDependencies": {"t": "1"}}"#),
            (
                "node_modules/t/package.json",
                r#"{"devDependencies": {"u": "1"}}"#,
            ),
            ("node_modules/u/package.json", "{}"),
        ]);
        let with_dev = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&with_dev, p.path(), "node_modules/t/index.js"), "t");
        assert!(with_dev.package_dir("t>u").is_none());
        assert!(with_dev
            .package_name_for_path(&p.path().join("node_modules/u/i.js"))
            .is_err());
        let without_dev = PackageIndex::build(p.path(), false).unwrap();
        assert!(without_dev.package_dir("t").is_none());
    }

    #[test]
    fn optional_and_peer_dependencies_are_walked() {
        let p = project(&[
            ("package.json", r#"{"optionalDependencies": {"o": "1"}}"#),
            (
                "node_modules/o/package.json",
                r#"{"peerDependencies": {"p": "1"}}"#,
            ),
            ("node_modules/p/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/p/index.js"), "o>p");
    }

    #[test]
    fn missing_dependencies_are_skipped() {
        let p = project(&[("package.json", &manifest(&["gone"]))]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert!(index.package_dir("gone").is_none());
    }

    #[test]
    fn dependency_cycles_terminate() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", &manifest(&["b"])),
            ("node_modules/b/package.json", &manifest(&["a"])),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/b/index.js"), "a>b");
        assert_eq!(name(&index, p.path(), "node_modules/a/index.js"), "a");
    }

    #[test]
    fn file_outside_the_project_is_external() {
        let p = project(&[("app/package.json", "{}")]);
        let index = PackageIndex::build(&p.path().join("app"), true).unwrap();
        let outside = index
            .package_name_for_path(&p.path().join("other/x.js"))
            .unwrap();
        assert_eq!(outside, "external:../other/x.js");
    }
}

mod best_path {
    use super::*;

    #[test]
    fn fewer_segments_win() {
        let p = project(&[
            ("package.json", &manifest(&["aaaa", "z"])),
            ("node_modules/aaaa/package.json", &manifest(&["b"])),
            ("node_modules/b/package.json", &manifest(&["z"])),
            ("node_modules/z/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/z/i.js"), "z");
    }

    #[test]
    fn shorter_name_then_string_order_breaks_ties() {
        let p = project(&[
            ("package.json", &manifest(&["bb", "a", "ab", "aa"])),
            ("node_modules/bb/package.json", &manifest(&["d"])),
            ("node_modules/a/package.json", &manifest(&["e"])),
            ("node_modules/ab/package.json", &manifest(&["d", "e", "f"])),
            ("node_modules/aa/package.json", &manifest(&["f"])),
            ("node_modules/d/package.json", "{}"),
            ("node_modules/e/package.json", "{}"),
            ("node_modules/f/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/d/i.js"), "ab>d");
        assert_eq!(name(&index, p.path(), "node_modules/e/i.js"), "a>e");
        assert_eq!(name(&index, p.path(), "node_modules/f/i.js"), "aa>f");
    }

    #[test]
    fn a_better_path_found_later_renames_the_whole_subtree() {
        // `zz>m` is seen first at depth 2 via zz; `a>b>m` is longer, so m stays zz>m and its
        // child n follows it: zz>m>n, never a>b>m>n.
        let p = project(&[
            ("package.json", &manifest(&["zz", "a"])),
            ("node_modules/zz/package.json", &manifest(&["m"])),
            ("node_modules/a/package.json", &manifest(&["b"])),
            ("node_modules/b/package.json", &manifest(&["m"])),
            ("node_modules/m/package.json", &manifest(&["n"])),
            ("node_modules/n/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "node_modules/m/i.js"), "zz>m");
        assert_eq!(name(&index, p.path(), "node_modules/n/i.js"), "zz>m>n");
        assert_eq!(name(&index, p.path(), "node_modules/b/i.js"), "a>b");
    }

    #[test]
    fn name_order_is_length_first() {
        assert_eq!(compare_package_names("z", "aa"), Ordering::Less);
        assert_eq!(compare_package_names("ab", "aa"), Ordering::Greater);
        assert_eq!(compare_package_names("a", "a"), Ordering::Equal);
    }
}

#[cfg(unix)]
fn link(p: &tempfile::TempDir, target: &str, at: &str) {
    let at = p.path().join(at);
    fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

mod links {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn workspace_link_is_named_at_its_real_directory() {
        let p = project(&[
            ("package.json", &manifest(&["ws"])),
            ("packages/ws/package.json", &manifest(&["dep"])),
            ("packages/ws/node_modules/dep/package.json", "{}"),
        ]);
        link(&p, "../packages/ws", "node_modules/ws");
        let index = PackageIndex::build(p.path(), true).unwrap();
        let real = p.path().canonicalize().unwrap();
        assert_eq!(
            index
                .package_name_for_path(&real.join("packages/ws/index.js"))
                .unwrap(),
            "ws"
        );
        assert_eq!(
            index.package_dir("ws"),
            Some(real.join("packages/ws").as_path())
        );
        // The reference fails on the nested dependency of a linked package.
        let dep = real.join("packages/ws/node_modules/dep/index.js");
        assert_eq!(index.package_name_for_path(&dep).unwrap(), "ws>dep");
    }

    #[cfg(unix)]
    #[test]
    fn workspace_dependency_hoisted_to_the_monorepo_root_is_found_from_the_real_directory() {
        // npm workspaces: `packages/ws` has no node_modules of its own; Node finds its
        // dependency at the root by walking up from packages/ws, not from node_modules/ws.
        let p = project(&[
            ("package.json", &manifest(&["ws"])),
            ("packages/ws/package.json", &manifest(&["dep"])),
            ("node_modules/dep/package.json", "{}"),
        ]);
        link(&p, "../packages/ws", "node_modules/ws");
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(
            name(&index, p.path(), "node_modules/dep/index.js"),
            "ws>dep"
        );
    }
}

#[cfg(unix)]
mod real_paths {
    use super::*;

    #[test]
    fn links_are_followed_like_the_os_follows_them() {
        // Relative links through links, a `..` after a link, an absolute link, and a linked
        // node_modules folder: each ends where canonicalize ends.
        let p = project(&[
            ("package.json", &manifest(&["a", "b", "c"])),
            ("store/a@1/pkg/package.json", "{}"),
            ("elsewhere/b/package.json", "{}"),
            ("deep/x/c/package.json", "{}"),
        ]);
        link(&p, "../store/a@1/pkg", "node_modules/a");
        link(&p, "hop/../elsewhere/b", "node_modules/b");
        link(&p, "../store", "node_modules/hop");
        let absolute = p.path().canonicalize().unwrap().join("deep/x/c");
        link(&p, absolute.to_str().unwrap(), "node_modules/c");
        let index = PackageIndex::build(p.path(), true).unwrap();
        let real = p.path().canonicalize().unwrap();
        for (name, dir) in [
            ("a", "store/a@1/pkg"),
            ("b", "elsewhere/b"),
            ("c", "deep/x/c"),
        ] {
            let expected = p
                .path()
                .join("node_modules")
                .join(name)
                .canonicalize()
                .unwrap();
            assert_eq!(expected, real.join(dir));
            assert_eq!(index.package_dir(name), Some(expected.as_path()), "{name}");
        }
    }

    #[test]
    fn a_linked_node_modules_folder_is_followed() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("shared/node_modules/a/package.json", "{}"),
        ]);
        link(&p, "shared/node_modules", "node_modules");
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(name(&index, p.path(), "shared/node_modules/a/i.js"), "a");
    }

    #[test]
    fn a_link_cycle_is_no_package() {
        let p = project(&[("package.json", &manifest(&["a"]))]);
        link(&p, "b", "node_modules/a");
        link(&p, "a", "node_modules/b");
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert!(index.package_dir("a").is_none());
    }
}

/// pnpm's isolated layout: `node_modules/<name>` links into the store
/// `node_modules/.pnpm/<name>@<version>/node_modules/<name>`, whose dependencies are links
/// beside it; only direct dependencies are visible at the top.
#[cfg(unix)]
mod pnpm_layout {
    use super::*;

    fn pnpm_project() -> tempfile::TempDir {
        let p = project(&[
            ("package.json", &manifest(&["chalk", "debug"])),
            (
                "node_modules/.pnpm/chalk@4.1.2/node_modules/chalk/package.json",
                &manifest(&["ansi-styles"]),
            ),
            (
                "node_modules/.pnpm/ansi-styles@4.3.0/node_modules/ansi-styles/package.json",
                "{}",
            ),
            (
                "node_modules/.pnpm/debug@2.6.9/node_modules/debug/package.json",
                &manifest(&["ms"]),
            ),
            (
                "node_modules/.pnpm/ms@2.0.0/node_modules/ms/package.json",
                "{}",
            ),
        ]);
        link(
            &p,
            ".pnpm/chalk@4.1.2/node_modules/chalk",
            "node_modules/chalk",
        );
        link(
            &p,
            ".pnpm/debug@2.6.9/node_modules/debug",
            "node_modules/debug",
        );
        link(
            &p,
            "../../ansi-styles@4.3.0/node_modules/ansi-styles",
            "node_modules/.pnpm/chalk@4.1.2/node_modules/ansi-styles",
        );
        link(
            &p,
            "../../ms@2.0.0/node_modules/ms",
            "node_modules/.pnpm/debug@2.6.9/node_modules/ms",
        );
        p
    }

    #[test]
    fn store_directories_get_their_logical_names() {
        let p = pnpm_project();
        let index = PackageIndex::build(p.path(), true).unwrap();
        let store = "node_modules/.pnpm";
        assert_eq!(
            name(
                &index,
                p.path(),
                &format!("{store}/chalk@4.1.2/node_modules/chalk/i.js")
            ),
            "chalk"
        );
        assert_eq!(
            name(
                &index,
                p.path(),
                &format!("{store}/ansi-styles@4.3.0/node_modules/ansi-styles/i.js")
            ),
            "chalk>ansi-styles"
        );
        assert_eq!(
            name(
                &index,
                p.path(),
                &format!("{store}/ms@2.0.0/node_modules/ms/i.js")
            ),
            "debug>ms"
        );
    }

    #[test]
    fn a_store_package_reached_by_two_paths_has_one_name() {
        // One real directory, as npm's hoisted single copy: the best path names it.
        let p = pnpm_project();
        fs::write(
            p.path().join("package.json"),
            manifest(&["chalk", "debug", "zz"]),
        )
        .unwrap();
        fs::create_dir_all(p.path().join("node_modules/.pnpm/zz@1/node_modules/zz")).unwrap();
        fs::write(
            p.path()
                .join("node_modules/.pnpm/zz@1/node_modules/zz/package.json"),
            manifest(&["ms"]),
        )
        .unwrap();
        link(&p, ".pnpm/zz@1/node_modules/zz", "node_modules/zz");
        link(
            &p,
            "../../ms@2.0.0/node_modules/ms",
            "node_modules/.pnpm/zz@1/node_modules/ms",
        );
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(
            name(
                &index,
                p.path(),
                "node_modules/.pnpm/ms@2.0.0/node_modules/ms/i.js"
            ),
            "zz>ms"
        );
    }

    #[test]
    fn peer_variants_in_the_store_are_two_packages() {
        // pnpm keeps one copy per set of peers (`p@1_a@1`, `p@1_a@2`); like npm's nested
        // duplicates, each copy is named by its own best path.
        let p = project(&[
            ("package.json", &manifest(&["x", "y"])),
            (
                "node_modules/.pnpm/x@1/node_modules/x/package.json",
                &manifest(&["p"]),
            ),
            (
                "node_modules/.pnpm/y@1/node_modules/y/package.json",
                &manifest(&["p"]),
            ),
            (
                "node_modules/.pnpm/p@1_a@1/node_modules/p/package.json",
                "{}",
            ),
            (
                "node_modules/.pnpm/p@1_a@2/node_modules/p/package.json",
                "{}",
            ),
        ]);
        link(&p, ".pnpm/x@1/node_modules/x", "node_modules/x");
        link(&p, ".pnpm/y@1/node_modules/y", "node_modules/y");
        link(
            &p,
            "../../p@1_a@1/node_modules/p",
            "node_modules/.pnpm/x@1/node_modules/p",
        );
        link(
            &p,
            "../../p@1_a@2/node_modules/p",
            "node_modules/.pnpm/y@1/node_modules/p",
        );
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(
            name(
                &index,
                p.path(),
                "node_modules/.pnpm/p@1_a@1/node_modules/p/i.js"
            ),
            "x>p"
        );
        assert_eq!(
            name(
                &index,
                p.path(),
                "node_modules/.pnpm/p@1_a@2/node_modules/p/i.js"
            ),
            "y>p"
        );
    }

    #[test]
    fn a_dependency_hoisted_into_the_store_root_is_found_like_node_finds_it() {
        // pnpm's default hoist-pattern puts every package in node_modules/.pnpm/node_modules;
        // Node reaches it walking up from the store, and so does the index.
        let p = pnpm_project();
        fs::remove_file(
            p.path()
                .join("node_modules/.pnpm/chalk@4.1.2/node_modules/ansi-styles"),
        )
        .unwrap();
        link(
            &p,
            "../ansi-styles@4.3.0/node_modules/ansi-styles",
            "node_modules/.pnpm/node_modules/ansi-styles",
        );
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(
            name(
                &index,
                p.path(),
                "node_modules/.pnpm/ansi-styles@4.3.0/node_modules/ansi-styles/i.js"
            ),
            "chalk>ansi-styles"
        );
    }
}

mod errors {
    use super::*;

    #[test]
    fn file_of_no_known_package_is_an_unknown_package_dir() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", "{}"),
            ("node_modules/x/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        let err = index
            .package_name_for_path(&p.path().join("node_modules/x/index.js"))
            .unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_UNKNOWN_PACKAGE_DIR");
        let message = err.to_string();
        assert!(
            message.starts_with(
                "LavaMoat - Encountered unknown package directory \"node_modules/x/index.js\""
            ),
            "{message}"
        );
    }

    #[test]
    fn a_dot_directory_in_node_modules_is_its_owners_but_no_package_in_it() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        let root = p.path();
        assert_eq!(
            name(
                &index,
                root,
                "node_modules/.vite-temp/vite.config.mjs.timestamp-1.mjs"
            ),
            ROOT_NAME
        );
        assert_eq!(
            name(&index, root, "node_modules/a/node_modules/.cache/x.js"),
            "a"
        );
        for file in [
            "node_modules/.pnpm/node_modules/x/index.js",
            "node_modules/x/.cache/y.js",
        ] {
            let err = index.package_name_for_path(&root.join(file)).unwrap_err();
            assert_eq!(err.code(), "LAVAMOAT_UNKNOWN_PACKAGE_DIR", "{file}");
        }
    }

    #[test]
    fn undeclared_require_names_importer_dependency_and_file() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", "{}"),
            ("node_modules/x/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        let file = p.path().join("node_modules/x/lib/y.js");
        let err = index
            .package_name_for_import(&file, "a", "x/lib/y", &p.path().join("node_modules/a"))
            .unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_UNDECLARED_DEPENDENCY");
        assert_eq!(
            err.to_string(),
            format!(
                "LavaMoat - package \"a\" requires \"x\" (file \"{}\"), which its package.json \
                 does not declare; declare it in the dependencies of \"a\"",
                file.display()
            )
        );
    }

    #[test]
    fn an_undeclared_dependency_of_the_app_points_to_its_package_json() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", "{}"),
            ("node_modules/x/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        let file = p.path().join("node_modules/x/index.js");
        let err = index
            .package_name_for_import(&file, ROOT_NAME, "x", p.path())
            .unwrap_err();
        assert!(
            err.to_string().ends_with(
                "declare it in the \"dependencies\" of the app's own package.json (the project root's)"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_declared_dependency_is_never_called_undeclared() {
        // `a` declares `x`, yet its request lands in a package the index does not know (a
        // redirect, a hand-made link): the error stays the unknown package directory.
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", &manifest(&["x"])),
            ("other/node_modules/x/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        let file = p.path().join("other/node_modules/x/index.js");
        let from = p.path().join("node_modules/a");
        let err = index
            .package_name_for_import(&file, "a", "x", &from)
            .unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_UNKNOWN_PACKAGE_DIR");
    }

    #[test]
    fn scoped_undeclared_dependency_keeps_its_scope() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            ("node_modules/a/package.json", "{}"),
            ("node_modules/@s/x/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        let file = p.path().join("node_modules/@s/x/index.js");
        let from = p.path().join("node_modules/a");
        let err = index
            .package_name_for_import(&file, "a", "@s/x/index.js", &from)
            .unwrap_err();
        assert!(err.to_string().contains("requires \"@s/x\""), "{err}");
    }

    #[test]
    fn root_above_a_workspace_app_says_which_package_declares_the_dependency() {
        // lavamoat run at a monorepo's root for an app in packages/app: the app's files are
        // the root package's, whose package.json declares nothing.
        let p = project(&[
            ("package.json", r#"{"workspaces": ["packages/*"]}"#),
            ("packages/app/package.json", &manifest(&["ms"])),
            ("node_modules/ms/package.json", "{}"),
        ]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        let file = p.path().join("node_modules/ms/index.js");
        let from = p.path().join("packages/app/lib");
        let err = index
            .package_name_for_import(&file, ROOT_NAME, "ms", &from)
            .unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_UNDECLARED_DEPENDENCY");
        let message = err.to_string();
        assert!(
            message.contains("the requiring code is in the package at \"packages/app\""),
            "{message}"
        );
        assert!(message.contains("--projectRoot"), "{message}");
    }

    #[test]
    fn yarn_plug_n_play_is_refused_up_front() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            (".pnp.cjs", "module.exports = {}"),
            (".yarnrc.yml", "nodeLinker: pnp\n"),
        ]);
        let err = PackageIndex::build(p.path(), true).unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_PACKAGE_LAYOUT_UNSUPPORTED");
        let message = err.to_string();
        assert!(message.contains(".pnp.cjs"), "{message}");
        assert!(message.contains("nodeLinker: node-modules"), "{message}");
    }

    #[test]
    fn plug_n_play_at_the_monorepo_root_is_refused_for_a_workspace() {
        let p = project(&[
            ("package.json", "{}"),
            (".pnp.cjs", ""),
            ("packages/w/package.json", "{}"),
        ]);
        let err = PackageIndex::build(&p.path().join("packages/w"), true).unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_PACKAGE_LAYOUT_UNSUPPORTED");
    }

    #[test]
    fn node_modules_inside_a_file_name_is_not_a_package_boundary() {
        let p = project(&[("package.json", "{}")]);
        let index = PackageIndex::build(p.path(), true).unwrap();
        assert_eq!(
            name(&index, p.path(), "lib/node_modules_helper.js"),
            "$root$"
        );
    }

    #[test]
    fn broken_package_json_names_file_and_position() {
        let p = project(&[
            ("package.json", &manifest(&["a"])),
            (
                "node_modules/a/package.json",
                "{\n  \"dependencies\": {,}\n}",
            ),
        ]);
        let err = PackageIndex::build(p.path(), true).unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_PACKAGE_JSON_INVALID");
        let message = err.to_string();
        assert!(
            message.contains("node_modules/a/package.json\" at line 2 column"),
            "{message}"
        );
    }

    #[test]
    fn package_json_ending_early_is_reported_at_a_one_based_column() {
        // serde_json says "column 0" for the start of a line; ours are 1-based everywhere.
        let p = project(&[("package.json", "{\"name\": \"app\",\n")]);
        let message = PackageIndex::build(p.path(), true).unwrap_err().to_string();
        assert!(
            message.ends_with("package.json\" at line 2 column 1: EOF while parsing a value"),
            "{message}"
        );
    }

    #[test]
    fn package_json_position_is_named_once() {
        let p = project(&[("package.json", "{\"name\": \"app\",}")]);
        let message = PackageIndex::build(p.path(), true).unwrap_err().to_string();
        assert!(
            message.ends_with("package.json\" at line 1 column 16: trailing comma"),
            "{message}"
        );
    }

    #[test]
    fn missing_root_package_json_is_a_read_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = PackageIndex::build(dir.path(), true).unwrap_err();
        assert_eq!(err.code(), "LAVAMOAT_PACKAGE_JSON_READ");
        assert!(err.to_string().contains("package.json"));
    }
}
