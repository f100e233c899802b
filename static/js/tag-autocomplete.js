// Suggests existing tags in the admin's comma-separated tag field.
// Progressive enhancement: without this script the field is a plain text input.
"use strict";

(function () {
    const DELAY_MS = 150;

    function lastTerm(value) {
        const parts = value.split(",");
        return parts[parts.length - 1].trim();
    }

    function chosenNames(value) {
        return value.split(",").slice(0, -1).map((name) => name.trim().toLowerCase());
    }

    function enhance(input) {
        const list = document.createElement("datalist");
        list.id = input.id + "-suggestions";
        input.after(list);
        input.setAttribute("list", list.id);
        let timer = null;
        let controller = null;

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(async function () {
                const term = lastTerm(input.value);
                list.replaceChildren();
                if (!term) {
                    return;
                }
                if (controller) {
                    controller.abort();
                }
                controller = new AbortController();
                const url = new URL(input.dataset.tagSuggestions, window.location.href);
                url.searchParams.set("term", term);
                let names;
                try {
                    const response = await fetch(url, { signal: controller.signal, credentials: "same-origin" });
                    if (!response.ok) {
                        return;
                    }
                    names = (await response.json()).names;
                } catch (error) {
                    return;
                }
                // A datalist matches the whole value: offer "tags typed so far, suggestion".
                const head = input.value.slice(0, input.value.lastIndexOf(",") + 1);
                const prefix = head ? head.trimEnd() + " " : "";
                const taken = chosenNames(input.value);
                for (const name of names) {
                    if (taken.includes(name.toLowerCase())) {
                        continue;
                    }
                    const option = document.createElement("option");
                    option.value = prefix + name;
                    option.label = name;
                    list.append(option);
                }
            }, DELAY_MS);
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("input[data-tag-suggestions]").forEach(enhance);
    });
})();
