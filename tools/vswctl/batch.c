// SPDX-License-Identifier: GPL-2.0
/*
 * vswctl -b: a file of commands, one a line without the program name, as
 * ip -batch runs them.  Words are split at blanks, and need no quoting: no
 * name vswctl takes can hold a blank.  A line whose first word starts with
 * '#' is a comment; a '#' later on is a word like any other, since device
 * names may hold one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vswctl.h"

/* @line's words, into *@argv (grown as needed); how many. */
static int split(char *line, char ***argv, size_t *size)
{
	static const char blanks[] = " \t\r\n\v\f";
	char *p = line + strspn(line, blanks);
	int argc = 0;

	if (*p == '#')
		return 0;
	while (*p) {
		if ((size_t)argc + 1 >= *size) {
			*size = *size ? 2 * *size : 16;
			*argv = realloc(*argv, *size * sizeof(**argv));
			if (!*argv)
				vsw_fatal("out of memory");
		}
		(*argv)[argc++] = p;
		p += strcspn(p, blanks);
		if (*p)
			*p++ = '\0';
		p += strspn(p, blanks);
	}
	return argc;
}

/*
 * Stops at the first command that fails, with its status; with @force runs
 * them all, 1 if any failed.  @file "-" is stdin, and named "-" in messages,
 * as ip names it.
 */
int vsw_batch(const char *file, bool force)
{
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	unsigned long lineno = 0;
	char *line = NULL, **argv = NULL;
	size_t len = 0, size = 0;
	int argc, status = 0;

	if (!f)
		vsw_fatal("%s: %s", file, strerror(errno));
	while (getline(&line, &len, f) >= 0) {
		int ret;

		lineno++;
		argc = split(line, &argv, &size);
		if (!argc)
			continue;
		ret = vsw_run_line(file, lineno, argc, argv);
		if (ret && !force) {
			status = ret;
			break;
		}
		if (ret)
			status = 1;
	}
	if (ferror(f))
		vsw_fatal("%s: %s", file, strerror(errno));
	if (f != stdin)
		fclose(f);
	free(line);
	free(argv);
	return status;
}
