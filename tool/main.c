/*
 * main.c -- ndmap, the command-line tool: dispatch to the subcommands.
 *
 * Exit status: 0 success, 1 error (message "ndmap: ..." on stderr), 2 usage
 * error. Every command accepts --help.
 */
#include "cli.h"

#include <string.h>

static const char usage[] =
    "Usage: ndmap COMMAND [ARGS...]\n"
    "Look inside, change and convert binary array files (.npy and raw) with\n"
    "numpy.memmap's semantics, without writing code.\n"
    "\n"
    "Commands:\n"
    "  info FILE              .npy header or raw size; checks the file size\n"
    "  show FILE [INDEX]      print the array, or a view, as numpy's repr\n"
    "  create FILE            make a new .npy (or raw) file of a dtype and shape\n"
    "  set FILE INDEX VALUE   assign a scalar to a view and flush\n"
    "  convert IN OUT         raw <-> .npy, cast, byte order, C <-> F order\n"
    "  stats FILE [INDEX]     count, min, max, mean, std and NaNs, as numpy\n"
    "  demo [DIR]             numpy's memmap example, step by step\n"
    "\n"
    "Options:\n"
    "  -h, --help             show this help; 'ndmap COMMAND --help' for a command\n"
    "      --version          show the version\n"
    "\n"
    "INDEX is numpy's basic indexing text as written between the brackets,\n"
    "e.g. '0, ::2' or '..., -1'. Exit status: 0 ok, 1 error, 2 usage error.\n"
    "See ndmap(1).\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"info", cmd_info},     {"show", cmd_show},   {"create", cmd_create},
    {"set", cmd_set},       {"convert", cmd_convert}, {"stats", cmd_stats},
    {"demo", cmd_demo},
};

int main(int argc, char **argv) {
    if (argc < 2) return cli_usage(NULL, "missing command");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return CLI_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("ndmap %s (libndmap %s)\n", NDM_VERSION_STRING, ndm_version());
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (!strcmp(cmd, commands[i].name)) {
            int rc = commands[i].run(argc - 2, argv + 2);
            if (fflush(stdout) != 0 && rc == CLI_OK) rc = cli_fail("error writing output");
            return rc;
        }
    }
    if (cmd[0] == '-') return cli_usage(NULL, "unrecognized option '%s'", cmd);
    return cli_usage(NULL, "unknown command '%s'", cmd);
}
