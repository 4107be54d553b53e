/* The heap a process holds at its peak, for `npm run bench -- runtime`
 * (bench/runtime.ts): loaded with LD_PRELOAD into the host runtime built with
 * wasm3, it takes malloc, calloc, realloc and free, counts the bytes live (as
 * glibc's malloc_usable_size gives them) and keeps the peak and the number of
 * blocks in the file SAIL_HEAP_FILE names. The file is mapped shared, so the
 * figures are there even after the runtime is killed at the end of a run; a
 * board's next boot (a new process) keeps the higher peak of the two. */
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* glibc's own allocator, under the names it exports for interposers. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);

typedef struct {
    uint64_t live;
    uint64_t peak;
    uint64_t blocks;
    uint64_t peak_blocks;
} heap_figures_t;

static heap_figures_t before_mapped;
static heap_figures_t *figures = &before_mapped;

__attribute__((constructor)) static void map_figures(void)
{
    const char *path = getenv("SAIL_HEAP_FILE");
    if (path == NULL) {
        return;
    }
    int fd = open(path, O_RDWR | O_CREAT, 0600);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 ||
        (st.st_size != sizeof(heap_figures_t) && ftruncate(fd, sizeof(heap_figures_t)) != 0)) {
        return;
    }
    void *mapped = mmap(NULL, sizeof(heap_figures_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (mapped == MAP_FAILED) {
        return;
    }
    heap_figures_t *kept = mapped;
    uint64_t earlier_peak = kept->peak;
    uint64_t earlier_blocks = kept->peak_blocks;
    memcpy(kept, &before_mapped, sizeof before_mapped);
    if (earlier_peak > kept->peak) {
        kept->peak = earlier_peak;
        kept->peak_blocks = earlier_blocks;
    }
    figures = kept;
}

static void added(void *ptr)
{
    if (ptr == NULL) {
        return;
    }
    figures->live += malloc_usable_size(ptr);
    figures->blocks++;
    if (figures->live > figures->peak) {
        figures->peak = figures->live;
        figures->peak_blocks = figures->blocks;
    }
}

static void removed(void *ptr)
{
    if (ptr == NULL) {
        return;
    }
    figures->live -= malloc_usable_size(ptr);
    figures->blocks--;
}

void *malloc(size_t size)
{
    void *ptr = __libc_malloc(size);
    added(ptr);
    return ptr;
}

void *calloc(size_t n, size_t size)
{
    void *ptr = __libc_calloc(n, size);
    added(ptr);
    return ptr;
}

void *realloc(void *ptr, size_t size)
{
    size_t old = ptr == NULL ? 0 : malloc_usable_size(ptr);
    void *moved = __libc_realloc(ptr, size);
    if (moved == NULL) {
        return NULL;
    }
    if (ptr != NULL) {
        figures->live -= old;
        figures->blocks--;
    }
    added(moved);
    return moved;
}

void free(void *ptr)
{
    removed(ptr);
    __libc_free(ptr);
}
