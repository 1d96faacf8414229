// Placeholder entry point; the host is composed in a later commit.
return 0;
