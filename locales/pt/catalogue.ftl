# Catálogo: busca, filtros, ordenações, dados abertos, mapa, números.
search-label = Buscar experiências
search-help = Palavras em espanhol ou português; não é preciso escrever os acentos.
search-submit = Buscar
sort-label = Ordenar por
sort-auto = O mais pertinente (sem palavras: o mais recente)
sort-relevance = Relevância
sort-recent = Atualizadas recentemente
sort-discover = Para descobrir
sort-discover-explain = “Para descobrir” mostra primeiro as experiências menos visitadas, de territórios menores e com menos pessoas por trás: as que quase ninguém conhece ainda.
filters-active = Filtros
filter-remove = remover o filtro
filters-clear = Remover todos os filtros
facets-label = Filtrar os resultados
facet-pais = País
facet-tema = Tema
facet-actor = Tipo de ator
facet-estado = Situação
facet-modalidad = Modalidade de cooperação
facet-escala = Escala
facet-aprendizajes = Aprendizados
facet-aprendizajes-si = Documenta seus aprendizados
no-results-title = Não encontramos experiências com essa busca
no-results-help = Tente menos palavras ou outras parecidas, ou remova algum filtro.
download-csv = Baixar estes resultados (CSV)
data-title = Dados abertos
data-lead = As experiências publicadas no Ayni são dados abertos: você pode baixá-las, reutilizá-las e conectá-las com outras plataformas. Elas nunca incluem e-mails nem dados de contato.
data-csv = uma linha por experiência; os campos com vários valores são separados por “|”.
data-json = as mesmas colunas; os campos com vários valores são listas.
data-atom = as 50 experiências atualizadas mais recentemente, para leitores de notícias.
data-filters = Os dois arquivos aceitam os mesmos filtros do catálogo, por exemplo /datos/experiencias.csv?pais=BO&tema=turismo ou ?q=quinua.
data-license = Licença: Creative Commons Atribuição 4.0 (CC BY 4.0). Cite “Ayni — Centro Virtual de Excelência” e o link de cada experiência.
data-codebook = Livro de códigos
data-column = Coluna
data-meaning = Significado
col-id = Número da experiência no Ayni (estável).
col-url = Endereço público da ficha.
col-title = Título.
col-summary = Resumo.
col-language = Idioma da ficha (es, pt, en).
col-country = País, código ISO 3166-1 de duas letras.
col-country_name = Nome do país em espanhol.
col-place = Departamento / município, como escrito por quem a registrou.
col-latitude = Latitude em graus decimais (WGS 84), se informada.
col-longitude = Longitude em graus decimais (WGS 84), se informada.
col-scale = Escala: comunitaria, municipal, intermunicipal, departamental, nacional ou internacional.
col-status = Situação: ongoing (em andamento) ou finished (concluída).
col-year_start = Ano de início.
col-year_end = Ano de conclusão, se terminou.
col-themes = Códigos dos temas (vocabulário do relatório de 2016).
col-actor_types = Códigos dos tipos de atores.
col-modalities = Códigos das modalidades de cooperação (sur-sur, triangular, norte-sur, descentralizada, multinivel).
col-partners = Parceiros e aliados.
col-objectives = Objetivos (Markdown).
col-actions = Ações (Markdown).
col-actors = Atores e alianças (Markdown).
col-problems = Problemas enfrentados (Markdown).
col-keys = Chaves para superar os problemas (Markdown).
col-results = Resultados e benefícios (Markdown).
col-lessons = Aprendizados (Markdown).
col-replication = O que outro território precisa para replicá-la (Markdown).
col-documents_lessons = true se a seção de aprendizados estiver desenvolvida (cerca de 40 palavras ou mais).
col-updated_at = Data e hora da última atualização (RFC 3339, UTC).
figures-title = Números do catálogo
figures-lead = { $count ->
    [0] { $count } experiências publicadas
    [one] { $count } experiência publicada
   *[other] { $count } experiências publicadas
} por país, tema, atores, situação, modalidade de cooperação e escala.
figures-lessons-share = das experiências documentam seus aprendizados (uma seção de aprendizados desenvolvida).
figures-by-pais = Origem das experiências por país
figures-by-tema = Principais temas
figures-by-actor = Diversidade de atores
figures-by-estado = Situação das experiências
figures-by-modalidad = Modalidades de cooperação
figures-by-escala = Escala territorial
figures-count = Experiências
figures-share = Porcentagem
figures-download = Baixar esta tabela (CSV)
map-title = Mapa de experiências
map-lead = Cada país é colorido de acordo com quantas experiências publicadas tem; os pontos são experiências com coordenadas. Escolha um país ou um ponto para ver suas experiências.
map-legend = Legenda
map-points = experiências com coordenadas ({ $count })
map-table = Experiências por país
map-country-label = { $country }: { $count ->
    [one] { $count } experiência
   *[other] { $count } experiências
}
map-cluster-label = { $count } experiências nesta área
facet-convocatoria = Chamada
facet-convocatoria-n = Chamada n.º { $id }
figures-by-convocatoria = Experiências por chamada
error-catalogue-too-many-filters = Esta busca tem filtros demais: aceitamos até 20 valores por filtro e endereços de até 4000 caracteres. Tire alguns filtros e tente de novo.
map-back-to-list = Ver estas experiências na lista
search-any-word = Nenhuma experiência tem todas as palavras de «{ $q }»: mostramos as que têm alguma.
data-import-title = Importar fichas (administração)
data-import-lead = As mesmas colunas servem para importar fichas com «ayni import» ou em /admin/importar (CSV UTF-8, com vírgulas ou ponto e vírgula, até 20 MB). O arquivo inteiro é verificado antes de gravar qualquer coisa.
data-import-required = Obrigatórias: title (de 5 a 200 caracteres) e country (código de duas letras de um país da região).
data-import-lengths = Limites: summary até 1000 caracteres; place e contact_name até 200; partners até 2000; cada seção narrativa até 20.000; links até 10 endereços http(s) separados por |.
data-import-values = Valores: language es, pt ou en; status «em andamento» ou «concluída» (ongoing/finished; uma célula vazia é um problema); anos de 1950 ao próximo ano; themes, actor_types e modalities com seus códigos (os mesmos dos filtros do catálogo, por exemplo tema=turismo), separados por |.
data-import-places = Coordenadas: latitude e longitude em graus decimais, as duas ou nenhuma, nunca 0,0 e dentro do país indicado (assim se detectam as invertidas).
data-import-publish = Para publicar ao importar também são necessários summary, themes, objectives e problems, como no formulário. Importar de novo um arquivo corrigido atualiza as fichas que mudaram, com uma nova versão.
figures-by-intercambio = O que as experiências oferecem e buscam
figures-by-cooperacion = Cooperação que as experiências buscam
